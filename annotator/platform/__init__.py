"""The program's footing: user folders and bundled resources, the log file, worker processes, who is annotating."""
