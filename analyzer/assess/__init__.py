"""Assessment: aggregates rule results and bundle facts into report.json's ``assessment`` block.

It sits between the rule engine and the report renderers (docs/architecture.md §5) and decides
nothing a rule should: exposure reasons, support window, checklist, effort, sizing, inventory.
"""

from analyzer.assess.build import (
    assessment_basis,
    build_assessment,
    compute_exposure,
    exposure_class,
)

__all__ = ["assessment_basis", "build_assessment", "compute_exposure", "exposure_class"]
