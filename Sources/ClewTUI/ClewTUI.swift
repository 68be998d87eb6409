// Placeholder: the run loop lands with the TUI.
