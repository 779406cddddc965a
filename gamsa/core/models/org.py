"""The district, its organisational units and the roles people hold in them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Agency(models.Model):
    """The district (구청). One installation normally holds one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("기관명", max_length=100)
    code = models.CharField("기관코드", max_length=20, unique=True, help_text="행정표준코드 (예: 3180000)")
    open311_jurisdiction_id = models.CharField(
        "Open311 관할 ID",
        max_length=100,
        unique=True,
        help_text="GeoReport v2 jurisdiction_id (예: ydp.seoul.kr)",
    )
    address = models.CharField("주소", max_length=200, blank=True)
    phone = models.CharField("대표전화", max_length=30, blank=True)

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    BUREAU = "bureau", "실·국"
    DEPARTMENT = "department", "과·담당관"
    TEAM = "team", "팀"
    DONG = "dong", "동 주민센터"
    FACILITY = "facility", "사업소·시설"


class OrgUnit(models.Model):
    """A unit of the district: 실·국 → 과 → 팀, each 동 주민센터, facilities. A tree kept by `path`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    kind = models.CharField("구분", max_length=20, choices=UnitKind.choices)
    code = models.CharField("부서코드", max_length=30)
    name = models.CharField("명칭", max_length=100)
    short_name = models.CharField("약칭", max_length=50, blank=True)
    # Materialised path of codes ("/ydp/audit/audit-team/") for subtree queries without recursion.
    path = models.CharField(max_length=500, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField("정렬순서", default=0)
    is_audit_office = models.BooleanField("감사담당관(실)", default=False)
    office_team = models.CharField(
        "감사담당관 소속팀",
        max_length=20,
        blank=True,
        choices=[
            ("audit", "감사팀"),
            ("investigation", "조사팀"),
            ("complaints", "민원관리팀"),
            ("patrol", "순찰팀"),
        ],
    )
    phone = models.CharField("전화", max_length=30, blank=True)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "조직"
        verbose_name_plural = "조직"
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_per_agency")]
        indexes = [models.Index(fields=["agency", "kind", "active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> models.QuerySet[OrgUnit]:
        codes = [c for c in self.path.strip("/").split("/")[:-1] if c]
        return OrgUnit.objects.filter(agency=self.agency, code__in=codes).order_by("depth")

    def subtree(self) -> models.QuerySet[OrgUnit]:
        return OrgUnit.objects.filter(agency=self.agency, path__startswith=self.path)


class Role(models.TextChoices):
    OFFICE_HEAD = "office_head", "감사담당관"
    TEAM_LEADER = "team_leader", "팀장"
    AUDITOR = "auditor", "감사관"
    INVESTIGATOR = "investigator", "조사관"
    COMPLAINT_OFFICER = "complaint_officer", "민원담당"
    PATROL_OFFICER = "patrol_officer", "순찰담당"
    DEPT_LIAISON = "dept_liaison", "부서 담당자"
    DEPT_HEAD = "dept_head", "부서장"
    VOLUNTEER = "volunteer", "자원봉사자"
    CITIZEN_AUDITOR = "citizen_auditor", "구민감사관"
    COUNCIL_VIEWER = "council_viewer", "의회 열람자"
    ETHICS_OFFICER = "ethics_officer", "공직윤리 담당"
    ETHICS_COMMITTEE = "ethics_committee", "공직자윤리위원"
    SYSADMIN = "sysadmin", "시스템 관리자"


class Membership(models.Model):
    """A role a person holds on one unit. Access is decided from these (core/permissions.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("역할", max_length=30, choices=Role.choices)
    started_on = models.DateField("시작일", null=True, blank=True)
    ended_on = models.DateField("종료일", null=True, blank=True)

    class Meta:
        verbose_name = "역할"
        verbose_name_plural = "역할"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]
        indexes = [models.Index(fields=["role", "unit"]), models.Index(fields=["user", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_role_display()}"
