# The portal's cast (a Pothole service with questions, a form filler) serves these tests too.
from care311.portal.tests.conftest import (  # noqa: F401 - pytest finds fixtures by name
    IN_TULSA,
    file_request,
    portal_form,
    questions,
    service,
)
