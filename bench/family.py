"""The generated scaling family: the bundled irqfd designs with more irqfds and more GSIs.

irqfds: the constant NFD, overridden as `irqverify --set NFD=n` would. GSIs: the bundled specs
declare one (`type gsi_t = 0..0; const GSI = 0;`). If a spec declares `const NGSI`, it is
overridden too; otherwise the spec text is rewritten into a temporary directory with
`const NGSI`, `type gsi_t = 0..NGSI-1` and irqfd d on GSI `(d / 2) % NGSI` (every use of `GSI`
where `d` is in scope: the user threads, the inject work, `no_lost_interrupt`): irqfds share GSIs
in pairs, so irqfds 0 and 1 are on GSI 0 in every member and the v9 race stays reachable. With
NGSI = 1 the rewritten spec is the bundled one; `eventual_deassert`, a liveness property the
bench does not measure, keeps `GSI`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "spec"


@dataclass(frozen=True)
class Family:
    """One design of the scaling table: a bundled spec, the variant and property measured."""

    name: str
    spec: str  # path relative to the repository
    variant: str
    prop: str
    claim: str  # what the design is expected to show: holds | violated


FAMILIES = (
    Family("resampler_mutex", "spec/resampler_mutex.irq", "merged", "no_lost_interrupt", "holds"),
    Family("oadn_v9", "spec/oadn_v9.irq", "shared_source", "unique_notifier", "violated"),
)


@dataclass(frozen=True)
class Member:
    """One member of a family: where its spec text is and which constants to override."""

    family: Family
    nfd: int
    gsis: int
    path: str
    overrides: dict[str, int] = field(default_factory=dict)
    generated: bool = False  # the text was rewritten (the spec has no NGSI constant)


_GSI_TYPE = re.compile(r"^type gsi_t = 0\.\.0;.*$", re.MULTILINE)


def supports_ngsi(text: str) -> bool:
    return re.search(r"^const NGSI\b", text, re.MULTILINE) is not None


def with_gsis(text: str) -> str:
    """The spec text with `const NGSI = 1` and irqfd d on GSI `(d / 2) % NGSI` (see the module docstring)."""
    if len(_GSI_TYPE.findall(text)) != 1:
        raise ValueError("expected exactly one `type gsi_t = 0..0;` line")
    out = []
    for line in text.splitlines(keepends=True):
        if _GSI_TYPE.match(line):
            out.append("const NGSI = 1;\ntype gsi_t = 0..NGSI-1;\nfunc gsi_of(d: fd_t): gsi_t = (d / 2) % NGSI;\n")
        elif line.startswith(("const GSI", "property eventual_deassert")) or line.lstrip().startswith("//"):
            out.append(line)
        else:
            out.append(re.sub(r"\bGSI\b", "gsi_of(d)", line))
    return "".join(out)


def member(fam: Family, nfd: int, gsis: int, workdir: Path) -> Member:
    """The family member with `nfd` irqfds and `gsis` GSIs (spec text written under `workdir` if needed)."""
    src = ROOT / fam.spec
    text = src.read_text()
    overrides = {"NFD": nfd}
    if gsis == 1 and not supports_ngsi(text):
        return Member(fam, nfd, gsis, fam.spec, overrides)
    if supports_ngsi(text):
        return Member(fam, nfd, gsis, fam.spec, {**overrides, "NGSI": gsis})
    out = workdir / f"{src.stem}_ngsi.irq"
    if not out.exists():
        out.write_text(with_gsis(text))
    return Member(fam, nfd, gsis, str(out), {**overrides, "NGSI": gsis}, generated=True)
