import { Mesh, MeshGeometry, type Texture } from 'pixi.js';

/**
 * A textured rectangle drawn on its own with pixi's one-texture mesh
 * shader, for large images (the floor, the robot dots). A Sprite goes
 * through the batcher, whose shader chooses among up to 16 textures for
 * every pixel; software GL (no GPU) runs that choice for each of the
 * hundreds of thousands of pixels a floor covers, about three times the
 * cost of sampling one texture.
 *
 * The quad spans (0, 0) to (1, 1) in its own units: position and scale
 * place it; `setUv` picks the part of the texture shown.
 */
export class Quad {
  readonly mesh: Mesh;
  private readonly geometry: MeshGeometry;

  constructor(texture: Texture) {
    this.geometry = new MeshGeometry({
      positions: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]),
      uvs: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]),
      indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
    });
    this.geometry.batchMode = 'no-batch';
    this.mesh = new Mesh({ geometry: this.geometry, texture });
  }

  /** Shows the texture's part from (0, 0) to (u, v) (fractions of its size). */
  setUv(u: number, v: number): void {
    const uvs = this.geometry.uvs;
    if (uvs[2] === u && uvs[5] === v) return;
    uvs[2] = u;
    uvs[4] = u;
    uvs[5] = v;
    uvs[7] = v;
    this.geometry.attributes.aUV.buffer.update();
  }
}
