// Readiness profiles: which checks apply and how severe they are, and which profile a notebook gets.
//   general  (default) any notebook: no course-only checks (required sections, AI acknowledgment, tests,
//            tracking required), and nothing said "as the course requires";
//   hand-in  the NLP course's hand-in rules (spec: shared/specs/notebook-readiness.md §3.7), every check;
//   publish  sharing a notebook publicly: course items relaxed to info, personal metadata raised.
// A random notebook must not be told that "Section 'Tools used' is missing … as the course requires":
// the hand-in profile is chosen by a setting or for the folders a course lives in.
import type { Profile, Severity } from './model';

export const PROFILES: readonly Profile[] = ['general', 'hand-in', 'publish'];
export const DEFAULT_PROFILE: Profile = 'general';

export const PROFILE_LABELS: Record<Profile, string> = {
  general: 'General',
  'hand-in': 'Hand-in (course)',
  publish: 'Publish',
};

/** Checks that only the course asks for: not run under the general profile. */
const COURSE_ONLY = new Set(['required-section-missing', 'introduction-incomplete', 'acknowledgment-missing', 'no-tests', 'tracking-unused']);

/** Course rules a general notebook is only told about (stripped outputs are normal practice; a run link is nice to have). */
const GENERAL_INFO = new Set(['outputs-not-saved', 'tracking-link-missing']);

// The publish profile relaxes course-specific requirements to info.
const PUBLISH_RELAXED = new Set([...COURSE_ONLY]);

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

/** Whether a check runs under the profile at all. */
export function checkApplies(id: string, profile: Profile): boolean {
  return profile !== 'general' || !COURSE_ONLY.has(id);
}

export function profileSeverity(id: string, severity: Severity, profile: Profile): Severity {
  if (profile === 'publish' && PUBLISH_RELAXED.has(id)) return 'info';
  if (profile === 'general' && GENERAL_INFO.has(id)) return 'info';
  return severity;
}

export interface ProfileSettings {
  /** runlens.notebookReadiness.profile; the default when absent or not a profile. */
  profile?: string;
  /** runlens.notebookReadiness.folderProfiles: folder (relative to the workspace folder) → profile. */
  folders?: Record<string, unknown>;
}

export interface ProfileChoice {
  profile: Profile;
  /** Why, in words the panel shows: `folder "course/" (runlens.notebookReadiness.folderProfiles)`. */
  reason: string;
}

const trimSlashes = (p: string) => p.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');

/**
 * The profile of a notebook at `relativePath` (forward or back slashes, relative to its workspace folder):
 * the deepest configured folder that contains it, else the profile setting, else general.
 */
export function chooseProfile(relativePath: string | undefined, settings: ProfileSettings): ProfileChoice {
  if (relativePath !== undefined) {
    const file = trimSlashes(relativePath);
    let best: { folder: string; profile: Profile } | undefined;
    for (const [raw, value] of Object.entries(settings.folders ?? {})) {
      if (typeof value !== 'string' || !isProfile(value)) continue;
      const folder = trimSlashes(raw);
      const inside = folder === '' || file === folder || file.startsWith(`${folder}/`);
      if (inside && (!best || folder.length > best.folder.length)) best = { folder, profile: value };
    }
    if (best) return { profile: best.profile, reason: `folder "${best.folder || '.'}/" (runlens.notebookReadiness.folderProfiles)` };
  }
  if (settings.profile && isProfile(settings.profile) && settings.profile !== DEFAULT_PROFILE)
    return { profile: settings.profile, reason: 'runlens.notebookReadiness.profile setting' };
  return { profile: DEFAULT_PROFILE, reason: 'default; choose Hand-in for course notebooks in the runlens.notebookReadiness settings' };
}
