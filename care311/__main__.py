"""The `care311` console command: the project's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "care311.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # The demo must start on a bare machine, so it supplies local-only settings that an
        # operator would otherwise set in the environment (see care311/demo/environment.py).
        from care311.demo.environment import prepare_demo_environment

        prepare_demo_environment()

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
