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

  /** Shows the texture's part from (u0, v0) to (u1, v1) (fractions of its size). */
  setUv(u0: number, v0: number, u1: number, v1: number): void {
    const uvs = this.geometry.uvs;
    // Stored as 32-bit floats: compared as such, so an unchanged part is not uploaded again.
    if (uvs[0] === Math.fround(u0) && uvs[1] === Math.fround(v0) && uvs[4] === Math.fround(u1) && uvs[5] === Math.fround(v1)) return;
    uvs[0] = uvs[6] = u0;
    uvs[1] = uvs[3] = v0;
    uvs[2] = uvs[4] = u1;
    uvs[5] = uvs[7] = v1;
    this.geometry.attributes.aUV.buffer.update();
  }
}
