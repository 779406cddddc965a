"""How patrols plugs into core: each concept package's hooks (navigation, the '내 업무' desk, attachment access,
notices, demo data, verb labels), and the app's shipped reference data."""

from gamsa.core import seeds
from gamsa.patrols.duplicates import hooks as duplicates_hooks  # noqa: F401
from gamsa.patrols.fieldcomplaints import hooks as fieldcomplaints_hooks  # noqa: F401
from gamsa.patrols.findings import hooks as findings_hooks  # noqa: F401
from gamsa.patrols.guardians import hooks as guardians_hooks  # noqa: F401
from gamsa.patrols.maps import hooks as maps_hooks  # noqa: F401
from gamsa.patrols.rounds import hooks as rounds_hooks  # noqa: F401

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
