"""``RunConfig``: every parameter of a run of :func:`compare.analyze`, in one frozen object.

A run is configured explicitly (no environment variables, no global settings): keyword arguments of
:func:`compare.analyze` override single fields of a :class:`RunConfig`, which can also be read from a
TOML file (the CLI's ``--config``). The manifest of every saved :class:`~compare.Results` records it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ._validation import check_choice, check_int
from .exceptions import InvalidInputError
from .scores import ALL_FAMILIES

__all__ = ["EVENT_SOURCES", "RunConfig", "outlet_table"]

#: Where event groups come from (see :class:`RunConfig`).
EVENT_SOURCES: tuple[str, ...] = ("auto", "corpus", "align", "none")


@dataclass(frozen=True, kw_only=True)
class RunConfig:
    """Everything that parametrises a run of :func:`compare.analyze`.

    Parameters
    ----------
    families : tuple of str
        Score families to run (see :data:`compare.scores.ALL_FAMILIES`).
    events : {"auto", "corpus", "align", "none"}
        Where event groups come from: ``"corpus"`` uses the articles' ``event`` labels (articles
        without one form single-article events); ``"align"`` clusters with
        :func:`compare.align.align_events`; ``"auto"`` uses the labels when every article has one and
        clusters otherwise; ``"none"`` puts every article in one event "all".
    event_options : mapping
        Keyword arguments for :func:`compare.align.align_events`.
    claims : bool
        Align claims within each event (coverage matrix).
    claim_options : mapping
        Keyword arguments for :func:`compare.align.align_claims` (``threshold``, ``min_words``).
    provenance : bool
        Find citations of other outlets and text reuse.
    provenance_options : mapping
        Keyword arguments for :func:`compare.align.provenance_table` (``gazetteer``, ``ngram``,
        ``min_share``, ``copy_share``, ``lead``, ``min_repeat``).
    comparisons : bool
        Compare outlets per event and over the corpus (:mod:`compare.stats`); the tables
        ``profiles`` and ``comparisons`` of :class:`~compare.Results`.
    comparison_options : mapping
        ``n_boot`` and ``n_perm`` (resamples, default 2000 each) and ``seed`` (default 0).
    outlets : str, path or OutletTable, optional
        The outlet table (:func:`compare.io.outlets.read_outlet_table`): canonical names, aliases
        and grouping columns (country, leaning, ownership, ...). Outlet names are always
        normalised (case, whitespace, invisible characters, suffixes such as "(Online News)"),
        through this table when given and the built-in one otherwise; the name as given is kept in
        ``articles.outlet_as_given``.
    groups : tuple of str
        Grouping columns of ``outlets`` to compare besides outlets (default: every grouping column
        of a table given in ``outlets``; none without one).
    aliases : mapping or None
        Alias table for actors (alias -> canonical name).
    family_options : mapping
        Per-family options, ``{"framing": {...}}``.
    jobs : int
        Worker processes for the per-article work; 1 runs in this process. Results are identical for
        any value.
    chunk_size : int
        Articles per task sent to a worker.
    progress : bool
        Show a progress bar (terminal or Jupyter).
    """

    families: tuple[str, ...] = ALL_FAMILIES
    events: str = "auto"
    event_options: Mapping[str, Any] = field(default_factory=dict)
    claims: bool = True
    claim_options: Mapping[str, Any] = field(default_factory=dict)
    provenance: bool = True
    provenance_options: Mapping[str, Any] = field(default_factory=dict)
    comparisons: bool = True
    comparison_options: Mapping[str, Any] = field(default_factory=dict)
    outlets: Any = None
    groups: tuple[str, ...] = ()
    aliases: Mapping[str, str] | None = None
    family_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    jobs: int = 1
    chunk_size: int = 32
    progress: bool = True

    def __post_init__(self) -> None:
        from .scores import FAMILIES

        object.__setattr__(self, "groups", (self.groups,) if isinstance(self.groups, str) else tuple(self.groups))
        fams = (self.families,) if isinstance(self.families, str) else tuple(self.families)
        object.__setattr__(self, "families", fams)
        unknown = [f for f in fams if f not in FAMILIES]
        if unknown:
            msg = (
                f"The 'families' parameter of RunConfig must name known families {list(FAMILIES)!r}. "
                f"Got {unknown!r}."
            )
            raise InvalidInputError(msg)
        check_choice(self.events, EVENT_SOURCES, name="events", caller="RunConfig")
        check_int(self.jobs, name="jobs", caller="RunConfig", low=1)
        check_int(self.chunk_size, name="chunk_size", caller="RunConfig", low=1)
        for name in ("event_options", "claim_options", "provenance_options", "comparison_options", "family_options"):
            value = getattr(self, name)
            if not isinstance(value, Mapping):
                msg = f"The '{name}' parameter of RunConfig must be a mapping. Got {type(value).__name__} instead."
                raise InvalidInputError(msg)
        unknown_options = sorted(set(self.comparison_options) - {"n_boot", "n_perm", "seed"})
        if unknown_options:
            msg = (
                "The 'comparison_options' parameter of RunConfig takes 'n_boot', 'n_perm' and 'seed'. "
                f"Got {unknown_options!r}."
            )
            raise InvalidInputError(msg)
        for key, low in (("n_boot", 100), ("n_perm", 100), ("seed", 0)):
            if key in self.comparison_options:
                check_int(self.comparison_options[key], name=f"comparison_options[{key!r}]", caller="RunConfig", low=low)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (for the manifest)."""
        out = asdict(self)
        out["families"] = list(self.families)
        for name in ("event_options", "claim_options", "provenance_options", "comparison_options"):
            out[name] = {k: _jsonable(v) for k, v in getattr(self, name).items()}
        out["aliases"] = dict(self.aliases) if self.aliases else None
        out["groups"] = list(self.groups)
        out["outlets"] = None if self.outlets is None else _jsonable(self.outlets if isinstance(self.outlets, (str, Path)) else getattr(self.outlets, "source", self.outlets))
        out["family_options"] = {k: dict(v) for k, v in self.family_options.items()}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunConfig:
        """Build from a mapping; unknown keys raise InvalidInputError naming them."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            msg = f"Unknown RunConfig option(s) {unknown!r}; known options are {sorted(known)!r}."
            raise InvalidInputError(msg)
        kwargs = dict(data)
        for name in ("families", "groups"):
            if name in kwargs and kwargs[name] is not None:
                kwargs[name] = tuple(kwargs[name])
        return cls(**kwargs)

    @classmethod
    def from_toml(cls, path: str | Path) -> RunConfig:
        """Read a RunConfig from a TOML file (top-level keys, or a ``[media-compare]`` table)."""
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]

        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            msg = f"{path}: cannot read the run configuration: {exc}"
            raise InvalidInputError(msg) from exc
        data = data.get("media-compare", data)
        return cls.from_dict(data)

    @property
    def comparison_settings(self) -> tuple[int, int, int]:
        """``(n_boot, n_perm, seed)`` of the comparison step, defaults filled in."""
        opts = self.comparison_options
        return int(opts.get("n_boot", 2000)), int(opts.get("n_perm", 2000)), int(opts.get("seed", 0))


def _jsonable(value: Any) -> Any:
    """Options as the manifest shows them: JSON types as they are, anything else by its repr."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return repr(value)


def outlet_table(config: RunConfig) -> Any:
    """The :class:`~compare.io.outlets.OutletTable` of a run: the one given, or the built-in one."""
    from .io.outlets import OutletTable, default_outlet_table, read_outlet_table

    if config.outlets is None:
        return default_outlet_table()
    if isinstance(config.outlets, OutletTable):
        return config.outlets
    return read_outlet_table(config.outlets)
