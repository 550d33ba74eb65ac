"""knowledge/curated.yaml: the few corrections a person makes that the compiler cannot infer.

Format (every section optional; <name> matches any name or alias of an entity, ignoring case,
dots, hyphens and a leading "the"):

    aliases: {<name>: [<alias>, ...]}     # extra names for the entity called <name>
    merge:   [[<name>, <name>, ...]]      # names of one entity
    kinds:   {<name>: organization|person|place|other}
    names:   {<name>: <canonical name>}
    drop:    [<name>, ...]                # not an entity; facts keep their text, lose the link

Every entry that matches nothing is reported as a warning, so stale corrections surface.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.compiler.entities import entity_key
from bot.errors import FactBaseError
from bot.factbase import CURATED_FILE, ENTITY_KINDS

if TYPE_CHECKING:
    from bot.compiler.merge import Cluster, KeyUnion


@dataclass(slots=True)
class Curated:
    aliases: dict[str, list[str]] = field(default_factory=dict)
    merges: list[list[str]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    drops: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, knowledge_dir: Path) -> Curated:
        path = knowledge_dir / CURATED_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise FactBaseError(f"{path}: cannot read: {exc}") from exc
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, origin: str = CURATED_FILE) -> Curated:
        try:
            data: Any = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise FactBaseError(f"{origin}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise FactBaseError(f"{origin}: must be a mapping (aliases, merge, kinds, names, drop)")
        unknown = set(data) - {"aliases", "merge", "kinds", "names", "drop"}
        if unknown:
            raise FactBaseError(
                f"{origin}: unknown section(s) {', '.join(sorted(map(str, unknown)))}"
            )
        try:
            curated = cls(
                aliases={
                    str(k): [str(a) for a in v] for k, v in (data.get("aliases") or {}).items()
                },
                merges=[[str(n) for n in group] for group in data.get("merge") or []],
                kinds={str(k): str(v) for k, v in (data.get("kinds") or {}).items()},
                names={str(k): str(v) for k, v in (data.get("names") or {}).items()},
                drops=[str(n) for n in data.get("drop") or []],
            )
        except (AttributeError, TypeError) as exc:
            raise FactBaseError(f"{origin}: malformed section: {exc}") from exc
        bad = {k: v for k, v in curated.kinds.items() if v not in ENTITY_KINDS}
        if bad:
            name, kind = next(iter(bad.items()))
            raise FactBaseError(f"{origin}: kinds: {name!r} has unknown kind {kind!r}")
        return curated

    def fingerprint(self) -> str:
        """Equal for equal corrections: part of the key under which a merge is reused."""
        return repr((self.aliases, self.merges, self.kinds, self.names, self.drops))

    def corrects_anything(self) -> bool:
        return bool(self.aliases or self.merges or self.kinds or self.names or self.drops)

    def apply(self, union: KeyUnion, clusters: dict[str, Cluster]) -> list[str]:
        """Apply to the merged clusters in place; return a warning per entry matching nothing."""
        if not self.corrects_anything():
            return []
        owners: dict[str, str] = {}
        for root, cluster in clusters.items():
            for key in cluster.keys | cluster.alias_keys:
                owners.setdefault(key, root)
            for surface in cluster.surfaces:
                owners.setdefault(entity_key(surface), root)
        warnings: list[str] = []

        def find(section: str, name: str) -> Cluster | None:
            root = owners.get(entity_key(name))
            if root is None:
                warnings.append(f"curated.yaml: {section}: {name!r} matches no entity")
                return None
            return clusters[root]  # merged clusters are regrouped afterwards

        for group in self.merges:
            found: list[str] = []
            for name in group:
                owner = owners.get(entity_key(name))
                if owner is None:
                    warnings.append(f"curated.yaml: merge: {name!r} matches no entity")
                else:
                    found.append(owner)
            for other in found[1:]:
                union.union(found[0], other)
        for name, extra in self.aliases.items():
            target = find("aliases", name)
            if target is not None:
                for alias in extra:
                    target.surfaces.setdefault(alias, 0)
                    target.keys.add(entity_key(alias))
        for name, kind in self.kinds.items():
            target = find("kinds", name)
            if target is not None:
                target.kind_override = kind
        for name, canonical in self.names.items():
            target = find("names", name)
            if target is not None:
                target.name_override = canonical
                target.surfaces.setdefault(canonical, 0)
        for name in self.drops:
            target = find("drop", name)
            if target is not None:
                target.dropped = True
        return warnings
