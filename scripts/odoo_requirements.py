"""Print the pip requirements of an Odoo 19 source tree, one per line.

Odoo's own requirements.txt pins older releases for Python < 3.12 that no longer
build (cbor2 5.4.2 needs pkg_resources). The pins given for Python 3.12 install
from wheels on 3.11 too, so the markers are evaluated as if on 3.12.
python-ldap is left out: only auth_ldap needs it and it does not build here.
"""

import sys

from packaging.requirements import Requirement

SKIPPED = {"python-ldap", "pypiwin32", "rl-renderpm"}
TARGET = {"python_version": "3.12", "python_full_version": "3.12.0"}


def main(path):
    with open(path, encoding="utf-8") as requirements:
        for raw in requirements:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            requirement = Requirement(line)
            if requirement.name.lower() in SKIPPED:
                continue
            if requirement.marker and not requirement.marker.evaluate(TARGET):
                continue
            requirement.marker = None
            print(requirement)


if __name__ == "__main__":
    main(sys.argv[1])
