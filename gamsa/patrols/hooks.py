"""How patrols plugs into core: navigation, the '내 업무' desk, attachment access, demo data, verb labels."""

from gamsa.core import seeds
from gamsa.patrols import (
    hooks_field,  # noqa: F401
    hooks_patrol,  # noqa: F401
    notice_targets,  # noqa: F401  (findings in the shared notices)
)

# Shipped reference data comes back after a database flush (see gamsa/core/seeds.py).
seeds.register_reference_seed(
    "patrols.FieldItem",
    seeds.migration_function("gamsa.patrols.migrations.0002_field_items_seed", "field_items"),
)
seeds.register_reference_seed(
    "patrols.FindingCategory",
    seeds.migration_function("gamsa.patrols.migrations.0003_finding_categories", "finding_categories"),
)
seeds.register_reference_seed(
    "patrols.EvaluationRule",
    seeds.migration_function("gamsa.patrols.migrations.0011_evaluation_rule", "seed_rule"),
)
