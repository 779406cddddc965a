"""How audits plugs into core: navigation, the '내 업무' desk, attachment access, demo data, verb labels."""
