"""The built-in rule pack: YAML files shipped as package data (``verify_rules``)."""
