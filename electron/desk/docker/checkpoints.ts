// Docker's checkpoints, as images: one per checkpoint of each container of a runsc
// runtime, in Docker's folder <root dir>/containers/<id>/checkpoints/<name>.
import type { DockerCheckpointRef } from '../../../shared/images';
import { dockerCheckpointDir } from '../checkpoint/docker-plan';
import type { DockerLister } from './listing';

export interface DockerCheckpoint extends DockerCheckpointRef {
  path: string;
}

export async function listDockerCheckpoints(lister: DockerLister): Promise<DockerCheckpoint[]> {
  const { info, containers } = await lister.snapshot();
  const perContainer = await Promise.all(
    containers.map(async (c) => {
      const names = await lister.engine.listCheckpoints(c.id).catch(() => [] as string[]);
      return names.map((checkpoint) => ({
        path: dockerCheckpointDir(info, c.id, checkpoint),
        containerId: c.id,
        containerName: c.name,
        checkpoint,
        runtime: c.runtime,
      }));
    }),
  );
  return perContainer.flat();
}
