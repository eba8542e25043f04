from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def request_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/request_list.html", {})


def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return render(request, "portal/request_detail.html", {})
