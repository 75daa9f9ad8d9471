"""The document's agency columns, finished once every row is read.

A name the registry does not know is kept as printed, but one plan often prints one
body two ways ("Northbridge Childrens Services" / "Northbridge Children's
Services", "… Housing Service" / "… Housing Services"). Within a document such
variants are one agency, named by the form printed most often (the first printed
on a tie); each unification is reported, so a researcher can see and undo it. Then
every row gets the `agency_kind` of its agency. Registry names are never touched:
the registry already unified their variants.
"""

from __future__ import annotations

from collections import Counter

from normalise.agencies import Registry, same_body
from normalise.tableset import Issue, Record


def finish_agencies(actions: list[Record], registry: Registry) -> list[Issue]:
    """Unify printed variants of unregistered names, set `agency_kind`; the issues."""
    # How often each unregistered name is printed (a filled-down row prints none).
    printed: Counter[str] = Counter()
    for action in actions:
        name = action["agency"]
        if name and name not in registry.kinds:
            printed[name] += 1 if action["agency_raw"] else 0
    names = list(printed)  # in the order first met
    chosen: dict[str, str] = {}
    issues: list[Issue] = []
    for name in names:
        if name in chosen:
            continue
        group = [other for other in names if other == name or same_body(name, other)]
        best = max(group, key=lambda n: (printed[n], -names.index(n)))
        for variant in group:
            chosen[variant] = best
            if variant != best:
                issues.append(
                    Issue(
                        "agency_variant",
                        f"agency {variant!r} read as {best!r}: one body printed "
                        "two ways; the form printed most often is kept",
                    )
                )
    for action in actions:
        action["agency"] = chosen.get(action["agency"], action["agency"])
        action["agency_kind"] = registry.kind(action["agency"])
    return issues
