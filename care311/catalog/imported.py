"""The catalog that imports grow: one service type per source category, one department per
source agency, unless an administrator has mapped the category to a service of the city's."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from care311.catalog.models import CategoryMapping, Department, ServiceGroup, ServiceType


class ImportedCatalog:
    """Resolves a source's categories and agencies to ids, creating what is missing.

    Lookups are cached for the run: a source has tens or hundreds of categories, not millions.
    """

    def __init__(self, source: str, label: str) -> None:
        self.source = source
        self.label = label
        self._services: dict[str, int] = {}
        self._departments: dict[str, int | None] = {}
        self._group: ServiceGroup | None = None

    def department_id(self, code: str, name: str) -> int | None:
        key = code or name
        if not key:
            return None
        if key not in self._departments:
            department, _ = Department.objects.get_or_create(
                code=_unique_slug(f"{self.source}-{key}", 64),
                defaults={"name": (name or code)[:200], "imported": True},
            )
            self._departments[key] = department.pk
        return self._departments[key]

    def service_id(self, category: str, department_id: int | None) -> int:
        if category not in self._services:
            self._services[category] = self._resolve(category, department_id)
        return self._services[category]

    def _resolve(self, category: str, department_id: int | None) -> int:
        mapping = CategoryMapping.objects.filter(source=self.source, category=category).first()
        if mapping is not None:
            return mapping.service_id
        try:
            with transaction.atomic():
                service = ServiceType.objects.create(
                    service_code=self._free_code(category),
                    name=category[:200],
                    group=self._imported_group(),
                    department_id=department_id,
                    hidden=True,
                    imported=True,
                )
                CategoryMapping.objects.create(
                    source=self.source, category=category, service=service
                )
        except IntegrityError:
            # Another import of the same source created it first.
            return CategoryMapping.objects.get(source=self.source, category=category).service_id
        return service.pk

    def _free_code(self, category: str) -> str:
        base = _unique_slug(f"{self.source}-{category}", 190)
        code, suffix = base, 1
        while ServiceType.objects.filter(service_code=code).exists():
            suffix += 1
            code = f"{base}-{suffix}"
        return code

    def _imported_group(self) -> ServiceGroup:
        if self._group is None:
            self._group, _ = ServiceGroup.objects.get_or_create(
                name=f"Imported: {self.label}", defaults={"order": 1000}
            )
        return self._group


def _unique_slug(text: str, length: int) -> str:
    # Unicode slugs, so agencies named in another script stay apart ("市政厅", "水务局").
    return (slugify(text, allow_unicode=True) or "unnamed")[:length].strip("-")
