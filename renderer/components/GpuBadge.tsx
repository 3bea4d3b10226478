/** Marks a GPU container: its checkpoint also has CUDA state to deal with. */
export function GpuBadge() {
  return (
    <span
      className="chip gpu-badge"
      data-testid="gpu-badge"
      title="GPU container: its bundle asks for NVIDIA devices, or its root runs runsc with --nvproxy. A checkpoint also handles its CUDA state."
    >
      GPU
    </span>
  );
}
