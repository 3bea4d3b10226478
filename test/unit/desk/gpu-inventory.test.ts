import { describe, expect, it } from 'vitest';
import { inventoryChange, parseGpuInventory } from '../../../electron/desk/cuda/inventory';

describe('GPU inventory (nvidia-smi --query-gpu=driver_version,name --format=csv,noheader)', () => {
  it('reads the driver once and one name per GPU', () => {
    expect(parseGpuInventory('570.86.15, NVIDIA H100 80GB HBM3\n570.86.15, NVIDIA H100 80GB HBM3\n')).toEqual({
      driverVersion: '570.86.15',
      gpus: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3'],
    });
  });

  it('gives null for output it cannot read', () => {
    expect(parseGpuInventory('')).toBeNull();
    expect(parseGpuInventory('No devices were found\n')).toBeNull();
  });
});

describe('inventoryChange', () => {
  const saved = { driverVersion: '570.86.15', gpus: ['NVIDIA H100 80GB HBM3'] };

  it('says nothing when the restoring host matches', () => {
    expect(inventoryChange(saved, { ...saved })).toBeNull();
  });

  it('names the refusal runsc gives for another driver version', () => {
    const warning = inventoryChange(saved, { driverVersion: '575.51.03', gpus: saved.gpus });
    expect(warning).toContain('nvidia driver version changed during restore');
    expect(warning).toContain('570.86.15');
    expect(warning).toContain('575.51.03');
  });

  it('warns of another GPU model or count on the same driver', () => {
    expect(inventoryChange(saved, { driverVersion: '570.86.15', gpus: ['NVIDIA A100-SXM4-40GB'] })).toMatch(/other GPUs/);
    expect(inventoryChange(saved, { driverVersion: '570.86.15', gpus: [...saved.gpus, ...saved.gpus] })).toMatch(/2 × NVIDIA H100/);
  });

  it('warns when the driver here cannot be read', () => {
    expect(inventoryChange(saved, null)).toMatch(/could not be read/);
  });
});
