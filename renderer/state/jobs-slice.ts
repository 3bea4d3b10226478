// Jobs: the list (newest first), the filter, the open one, and the notices a failure
// raises. The list follows `job:update` events, so it is live without polling.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { Job, JobStatus } from '../../shared/jobs';
import { failureReason, isFailure } from '../lib/job-status';
import { latestOnly } from './latest';
import { runAction, toErrorShape } from './run-action';
import type { DeskState, JobsSlice } from './types';

/** How long a success notice stays; failures stay until dismissed. */
export const SUCCESS_NOTICE_MS = 6000;

const rank = (status: JobStatus) => (status === 'queued' ? 0 : status === 'running' ? 1 : 2);

const newestFirst = (a: Job, b: Job) => b.createdAt - a.createdAt;

function failureMessage(job: Job): string {
  const verb = job.status === 'interrupted' ? 'was interrupted' : 'failed';
  return `${job.title || `Job ${job.id}`} ${verb}: ${failureReason(job)}`;
}

export const createJobsSlice =
  (api: DeskApi): StateCreator<DeskState, [], [], JobsSlice> =>
  (set, get, store) => {
    const listTicket = latestOnly();
    /** The notice each job raised, so a later update rewrites it instead of stacking. */
    const noticeOf = new Map<string, string>();

    function raiseNotices(prev: Job | undefined, job: Job) {
      if (isFailure(job.status)) {
        const open = noticeOf.get(job.id);
        const message = failureMessage(job);
        if (open && get().notices.some((n) => n.id === open)) {
          set({ notices: get().notices.map((n) => (n.id === open ? { ...n, message } : n)) });
        } else if (prev?.status !== job.status) {
          noticeOf.set(job.id, get().pushNotice({ tone: 'error', message, jobId: job.id }));
        }
      } else if (
        job.status === 'succeeded' &&
        prev !== undefined &&
        prev.status !== 'succeeded' &&
        // The dialog already says so, in place.
        get().checkpoint?.jobId !== job.id &&
        get().restore?.jobId !== job.id
      ) {
        get().pushNotice({ tone: 'success', message: `${job.title} succeeded`, jobId: job.id }, SUCCESS_NOTICE_MS);
      }
    }

    return {
      jobs: [],
      jobsLoaded: false,
      jobsLoading: false,
      jobsError: null,
      jobFilter: 'all',
      selectedJobId: null,

      async refreshJobs() {
        const isCurrent = listTicket();
        set({ jobsLoading: true });
        try {
          const listed = await api.listJobs({});
          if (!isCurrent()) return;
          const have = new Map(get().jobs.map((j) => [j.id, j]));
          const merged = listed.map((job) => {
            const mine = have.get(job.id);
            have.delete(job.id);
            return mine && rank(mine.status) > rank(job.status) ? mine : job;
          });
          // Jobs an event brought in after the service made its list.
          merged.push(...have.values());
          set({ jobs: merged.sort(newestFirst), jobsLoaded: true, jobsLoading: false, jobsError: null });
        } catch (error) {
          if (isCurrent()) set({ jobsLoading: false, jobsError: toErrorShape(error) });
        }
      },

      applyJob(job, from) {
        const jobs = get().jobs;
        const i = jobs.findIndex((j) => j.id === job.id);
        const prev = i === -1 ? undefined : jobs[i];
        if (from === 'read' && prev && rank(prev.status) > rank(job.status)) return;
        const next = i === -1 ? [job, ...jobs].sort(newestFirst) : jobs.map((j, k) => (k === i ? job : j));
        set({ jobs: next });
        if (from === 'event') raiseNotices(prev, job);
      },

      setJobFilter: (jobFilter) => set({ jobFilter }),

      async selectJob(jobId) {
        set({ selectedJobId: jobId });
        if (!jobId) return;
        try {
          get().applyJob(await api.getJob({ jobId }), 'read');
        } catch (error) {
          // The list still shows what it had; say why the details could not be read.
          if (get().selectedJobId === jobId) set({ jobsError: toErrorShape(error) });
        }
      },

      openJob(jobId) {
        if (get().checkpoint) get().closeCheckpoint();
        if (get().restore) get().closeRestore();
        set({ view: 'jobs' });
        void get().selectJob(jobId);
      },

      cancelJob: (jobId) =>
        runAction(store, 'cancelJob', async () => {
          // The answer may come before runsc exits; the job:update event brings the end.
          get().applyJob(await api.cancelJob({ jobId }), 'read');
        }),
    };
  };
