"""What every desk page shares: who may open it, and the agent's own contact."""

from django.http import Http404

from care311.contact_center.access import AGENTS, SUPERVISORS, StaffRequest, staff_page
from care311.desk.models import Contact

# The desk is for agents, supervisors and administrators; department staff get 403.
agent_page = staff_page(*AGENTS)
supervisor_page = staff_page(*SUPERVISORS)


def own_contact(request: StaffRequest, pk: int) -> Contact:
    """The signed-in agent's contact `pk`; another agent's is not found."""
    contact = Contact.objects.filter(pk=pk, agent=request.user).first()
    if contact is None:
        raise Http404(f"No contact {pk} of yours.")
    return contact
