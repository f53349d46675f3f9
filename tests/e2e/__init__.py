"""The real program (`python -m poa_tui`) in real terminals: tmux panes, sshd, signals, mounts."""
