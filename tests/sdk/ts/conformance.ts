// Our generated model types (pkg/src/model.ts, API 2026-06) against the official TypeScript SDK's
// preset types (`cloudflare` 7.3.0): assignable in both directions, and the same fields at every
// depth. `tsc --noEmit` fails on any difference, naming the field.
import type {
  PresetCreateParams,
  PresetCreateResponse,
  PresetGetPresetByIDResponse,
  PresetGetResponse,
  PresetUpdateParams,
  PresetUpdateResponse,
} from "cloudflare/resources/realtime-kit/presets";
import type { V2026_06 } from "../../../pkg/src/model";

/** Every field path of a type: `/config/media/video/frame_rate`, `[]` for array items. */
type Paths<T, P extends string = ""> = T extends readonly (infer U)[]
  ? Paths<U, `${P}[]`>
  : T extends object
    ? {
        [K in keyof T & string]-?: `${P}/${K}` | Paths<NonNullable<T[K]>, `${P}/${K}`>;
      }[keyof T & string]
    : never;

/** `true` when A and B have the same fields at every depth; else the paths one of them lacks. */
type SameFields<A, B> = [Exclude<Paths<A>, Paths<B>> | Exclude<Paths<B>, Paths<A>>] extends [never]
  ? true
  : { onlyOurs: Exclude<Paths<A>, Paths<B>>; onlySdk: Exclude<Paths<B>, Paths<A>> };

/** The SDK's params carry the path parameters beside the body. */
type Body<T> = Omit<T, "account_id" | "app_id" | "preset_id">;

type SdkCreate = Body<PresetCreateParams>;
type SdkUpdate = Body<PresetUpdateParams>;
type SdkResponse = PresetGetPresetByIDResponse;

// Same fields, everywhere.
export const createFields: SameFields<V2026_06.Create, SdkCreate> = true;
export const updateFields: SameFields<V2026_06.Update, SdkUpdate> = true;
export const responseFields: SameFields<V2026_06.Response, SdkResponse> = true;
export const createdFields: SameFields<V2026_06.Response, PresetCreateResponse> = true;
export const updatedFields: SameFields<V2026_06.Response, PresetUpdateResponse> = true;
export const listFields: SameFields<V2026_06.List, PresetGetResponse> = true;

// Assignable both ways (types, enums, required or optional, field by field).
declare const ourCreate: V2026_06.Create;
declare const sdkCreate: SdkCreate;
export const createToSdk: SdkCreate = ourCreate;
export const createFromSdk: V2026_06.Create = sdkCreate;

declare const ourUpdate: V2026_06.Update;
declare const sdkUpdate: SdkUpdate;
export const updateToSdk: SdkUpdate = ourUpdate;
export const updateFromSdk: V2026_06.Update = sdkUpdate;

declare const ourResponse: V2026_06.Response;
declare const sdkResponse: SdkResponse;
export const responseToSdk: SdkResponse = ourResponse;
export const responseFromSdk: V2026_06.Response = sdkResponse;

declare const ourList: V2026_06.List;
declare const sdkList: PresetGetResponse;
export const listToSdk: PresetGetResponse = ourList;
export const listFromSdk: V2026_06.List = sdkList;

// The checks can fail: a field too many, or a field of another type, is found.
// @ts-expect-error an extra field
export const extraField: SameFields<V2026_06.Create & { extra?: string }, SdkCreate> = true;
declare const renamed: Omit<V2026_06.Create, "name"> & { name: number };
// @ts-expect-error a field of another type
export const changedType: SdkCreate = renamed;
