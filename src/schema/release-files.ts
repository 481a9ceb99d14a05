import type * as defs from "./defs/release-files.ts";
import { validator } from "./runtime.ts";

/** The version slices of package.json, pyproject.toml, Cargo.toml and meta.json (see `defs/release-files.ts`). */
export type PackageJsonVersion = (typeof defs.packageJsonVersionSchema)["infer"];
export type PyprojectVersion = (typeof defs.pyprojectVersionSchema)["infer"];
export type CargoVersion = (typeof defs.cargoVersionSchema)["infer"];
export type MissionRelease = (typeof defs.missionReleaseSchema)["infer"];

export const packageJsonVersionSchema = validator<PackageJsonVersion>("packageJsonVersionSchema");
export const pyprojectVersionSchema = validator<PyprojectVersion>("pyprojectVersionSchema");
export const cargoVersionSchema = validator<CargoVersion>("cargoVersionSchema");
export const missionReleaseSchema = validator<MissionRelease>("missionReleaseSchema");
