"""Entry point: `python main.py …` is the same CLI as the `broadcast` command."""

from broadcast.cli import main

if __name__ == "__main__":
    main()
