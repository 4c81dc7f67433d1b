"""Where a result comes from (docs/output-format.md, "Provenance"): the
library and methodology versions, the as-of date and the digests of the
parameters and of the input.  A Result and an OrgPlan both report it."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Optional

    from ._records import Provenance

from ._dates import from_day

__all__ = ["provenance_of"]


def _s(b: Optional[bytes]) -> str:
    return b.decode("utf-8") if b is not None else ""


def provenance_of(p: Any) -> Provenance:
    """A :class:`Provenance` from the library's struct."""
    from ._names import AS_OF_RULES
    from ._records import Provenance  # dataclasses: imported on first use
    return Provenance(
        library_version=_s(p.library_version),
        methodology_version=_s(p.methodology_version),
        as_of=from_day(p.as_of), params_digest=p.params_digest.decode(),
        input_digest=p.input_digest.decode(),
        as_of_rule=(AS_OF_RULES[p.as_of_rule]
                    if 0 <= p.as_of_rule < len(AS_OF_RULES) else str(p.as_of_rule)),
        as_of_left_out=int(p.as_of_left_out),
        survey_start=from_day(p.survey_start) if p.survey_start else None,
        survey_end=from_day(p.survey_end) if p.survey_end else None,
        survey_wave_id=(p.survey_wave_id.decode("utf-8")
                        if p.survey_wave_id is not None else None),
        survey_answers=int(p.survey_answers),
        survey_answers_outside=int(p.survey_answers_outside))
