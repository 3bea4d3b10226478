// Images: the image dirs, the scan, one image's details, safe delete, and the folder
// browser the dialogs pick image folders with.
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { ImageList } from '../../../shared/images';
import { isInside } from '../../../shared/paths';
import type { Request } from '../../../shared/schemas';
import { isDirectory, listDirectory } from '../dirs';
import type { Host } from '../host/host';
import { deleteImage } from '../images/delete';
import { withDiskUse } from '../images/disk-use';
import { HeaderCache } from '../images/header-cache';
import { findImageFolders, summarizeAll, summarizeImage, type ScannedImage, type WriterStatus } from '../images/scan';
import { summarizeContainerSpecs } from '../images/specs';
import type { DockerCheckpoint } from '../docker/checkpoints';
import type { Engine } from '../docker/engine';
import { dockerCheckpointOf } from '../restore/docker-plan';
import type { JobStore } from '../jobs/job-store';
import type { SettingsStore } from '../settings';

export interface ImagesDeps {
  host: Host;
  settings: SettingsStore;
  jobs: JobStore;
  /** The Desk's own image dir: always scanned, never removed. */
  imagesDir: string;
  /** Docker's checkpoints, listed beside the Desk's images and deleted through Docker. */
  docker?: { engine: Engine; checkpoints(): Promise<DockerCheckpoint[]> };
}

export class ImagesService {
  /** Headers of the statefiles listed, while unchanged on disk: a refresh reads none again. */
  private readonly headers = new HeaderCache();

  constructor(private readonly deps: ImagesDeps) {}

  get imagesDir(): string {
    return this.deps.imagesDir;
  }

  /** One image, with its state; for restore. */
  image(path: string): Promise<ScannedImage> {
    return summarizeImage(this.deps.host, path, this.writerStatus(), undefined, this.headers);
  }

  async listImages(): Promise<ImageList> {
    const { host } = this.deps;
    const dirs = this.imageDirs();
    const found = await Promise.all(
      dirs.map(async (d) => {
        const present = await isDirectory(host, d.path);
        // The Desk's own images dir appears with the first checkpoint; its absence is no error.
        const error = present || !d.removable ? null : `${d.path} does not exist or is not a folder.`;
        return { dir: { ...d, error }, folders: present ? await findImageFolders(host, d.path) : [] };
      }),
    );
    // A folder under two image dirs (one inside the other) is listed once.
    const seen = new Set<string>();
    const folders = found.flatMap((f) => f.folders).filter((f) => !seen.has(f.path) && !!seen.add(f.path));
    const summaries = [...(await summarizeAll(host, folders, this.writerStatus(), this.headers)), ...(await this.dockerImages())];
    // The header's metadata stays for inspectImage: a list of thousands stays small.
    const images = summaries.map(({ metadata: _metadata, ...summary }) => summary).sort((a, b) => b.createdAt - a.createdAt);
    return { images, dirs: await withDiskUse(host, found.map((f) => f.dir), images) };
  }

  async inspectImage(request: Request<'inspectImage'>): Promise<DeskResults['inspectImage']> {
    this.knownImage(request.path);
    if (!(await isDirectory(this.deps.host, request.path))) throw new DeskError('NOT_FOUND', `${request.path} is not a folder.`, { field: 'path' });
    const image = await this.image(request.path);
    const jobs = this.deps.jobs.list().filter((j) => j.imagePath === request.path || j.options.imagePath === request.path);
    return { ...image, containers: summarizeContainerSpecs(image.metadata), jobs };
  }

  async addImageDir(request: Request<'addImageDir'>): Promise<ImageList> {
    if (!(await isDirectory(this.deps.host, request.path))) throw new DeskError('NOT_FOUND', `${request.path} is not a folder.`, { field: 'path' });
    const current = this.deps.settings.get().imageDirs;
    if (!current.includes(request.path) && request.path !== this.deps.imagesDir) {
      await this.deps.settings.update({ imageDirs: [...current, request.path] });
    }
    return this.listImages();
  }

  async removeImageDir(request: Request<'removeImageDir'>): Promise<ImageList> {
    const current = this.deps.settings.get().imageDirs;
    if (!current.includes(request.path)) {
      throw new DeskError('NOT_FOUND', `${request.path} is not an image dir you added.`, { field: 'path' });
    }
    await this.deps.settings.update({ imageDirs: current.filter((d) => d !== request.path) });
    return this.listImages();
  }

  async deleteImage(request: Request<'deleteImage'>): Promise<DeskResults['deleteImage']> {
    this.knownImage(request.path);
    const running = this.deps.jobs.list().find((j) => j.status === 'running' && (j.imagePath === request.path || j.options.imagePath === request.path));
    if (running) throw new DeskError('INVALID_INPUT', `${running.title} is using this image; wait for it or cancel it first.`, { field: 'path' });
    const docker = dockerCheckpointOf(request.path);
    if (docker && this.deps.docker) {
      // Docker's folder is Docker's: it deletes its own checkpoints.
      await this.deps.docker.engine.deleteCheckpoint(docker.id, docker.name);
      return { removed: [request.path], kept: [], folderRemoved: true };
    }
    return deleteImage(this.deps.host, request.path);
  }

  async listDirectory(request: Request<'listDirectory'>): Promise<DeskResults['listDirectory']> {
    return listDirectory(this.deps.host, request.path);
  }

  private imageDirs(): { path: string; removable: boolean }[] {
    const { imagesDir } = this.deps;
    const user = this.deps.settings.get().imageDirs.filter((d) => d !== imagesDir);
    return [{ path: imagesDir, removable: false }, ...user.map((path) => ({ path, removable: true }))];
  }

  /** Built once per scan: a listing of thousands of images asks it thousands of times. */
  private writerStatus(): WriterStatus {
    const { jobs } = this.deps;
    const byPath = new Map<string, string>();
    for (const job of jobs.list().reverse()) if (job.kind === 'checkpoint' && job.imagePath) byPath.set(job.imagePath, job.status);
    return (path, jobId) => (jobId ? jobs.get(jobId)?.status : byPath.get(path));
  }

  /** Docker's checkpoints as images; none when Docker does not answer. */
  private async dockerImages(): Promise<ScannedImage[]> {
    const docker = this.deps.docker;
    if (!docker) return [];
    const checkpoints = await docker.checkpoints().catch(() => [] as DockerCheckpoint[]);
    const summaries = await summarizeAll(this.deps.host, checkpoints.map((c) => c.path), this.writerStatus(), this.headers);
    return summaries.map((s, i) => {
      const { path: _path, ...ref } = checkpoints[i]!;
      return { ...s, containerId: ref.containerId, docker: ref };
    });
  }

  private knownImage(path: string): void {
    if (this.deps.docker && dockerCheckpointOf(path)) return;
    if (!this.imageDirs().some((d) => isInside(path, d.path))) {
      throw new DeskError('NOT_FOUND', `${path} is not under an image dir the Desk scans. Add its folder in Images first.`, { field: 'path' });
    }
  }
}
