// Where each Go toolchain lives, for tests and scripts in Node (scripts/toolchains.sh says the same
// for bash; keep the two in step). Go 1.21-1.23 are Debian packages from bookworm-backports under
// /usr/lib/go-1.NN; Go 1.26 and 1.27 come from Debian unstable, unpacked (never installed) under
// the cache by scripts/setup-system.sh. GOROOT_1_27=... (and so on) overrides one of them.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Go release every run, recording and command in the guide refers to. */
export const REFERENCE_GO = '1.27';

export const fieldGuideCache = (): string =>
  process.env.FIELD_GUIDE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'go-trace-field-guide');

/** Where scripts/debian-unstable.sh unpacks packages from Debian unstable (a GOPATH under usr/share/gocode). */
export const sidPrefix = (): string => process.env.SID_PREFIX ?? join(fieldGuideCache(), 'debian-sid');

export function goRoot(version: string): string {
  const override = process.env[`GOROOT_${version.replace('.', '_')}`];
  if (override) return override;
  if (version === '1.26' || version === '1.27') return join(sidPrefix(), `usr/lib/go-${version}`);
  return `/usr/lib/go-${version}`;
}

export const goBin = (version: string): string => join(goRoot(version), 'bin/go');

export const hasGo = (version: string): boolean => existsSync(goBin(version));

/** Has the toolchain and its source (GOROOT/src/internal/trace), as refdump and the analysis reference need. */
export const hasGoSource = (version: string): boolean => hasGo(version) && existsSync(join(goRoot(version), 'src/internal/trace'));
