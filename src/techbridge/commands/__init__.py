"""Sub-commands of the `techbridge` command, one module per product area (see techbridge.cli)."""
