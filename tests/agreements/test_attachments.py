"""Signed scans: PDF only, size-limited, kept in the database, downloaded only by those who see the agreement."""

import hashlib
from io import BytesIO

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from partnership.agreements.models import Attachment
from partnership.audit.models import AuditEntry
from partnership.extensions import db
from tests.agreements.conftest import messages_beside, row_counts
from tests.agreements.factories import PDF, AttachmentFactory

MiB = 1024 * 1024


def upload(client, agreement, content: bytes, filename: str):
    return client.post(
        f"/agreements/{agreement.id}/attachments",
        data={"attachment-file": (BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def refused(client, agreement, content, filename, message):
    before = row_counts()
    response = upload(client, agreement, content, filename)
    assert response.status_code == 200
    beside = messages_beside(response.get_data(as_text=True), "attachment-file")
    assert any(message in m for m in beside), f"{message!r} not beside the file field: {beside}"
    assert row_counts() == before


def test_a_pdf_is_stored_in_the_database_under_a_generated_name(world, coordinator_client):
    agreement = world.agreement_b  # the world gives A and B one scan each already
    content = PDF + b"% signed by all parties\n"
    response = upload(coordinator_client, agreement, content, "Signed MoU.PDF")
    assert response.status_code == 302 and response.headers["Location"].endswith("#attachments")
    attachment = db.session.scalar(select(Attachment).where(Attachment.filename == "Signed MoU.PDF"))
    assert attachment.agreement == agreement
    assert len(attachment.stored_name) == 32 and int(attachment.stored_name, 16) >= 0
    assert attachment.stored_name != world.attachment_b.stored_name
    assert attachment.content == content and attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == world.users["coordinator"]
    assert db.session.scalar(
        select(AuditEntry.action).where(
            AuditEntry.target_id == attachment.id, AuditEntry.target_type == "agreement_attachments"
        )
    )


def test_download_is_an_attachment_of_type_pdf(world, liaison_a_client):
    response = liaison_a_client.get(f"/agreements/{world.agreement_a.id}/attachments/{world.attachment_a.id}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=agreement-a.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data == world.attachment_a.content


def test_a_name_in_any_script_and_with_folders_is_kept_as_its_last_part(world, coordinator_client):
    assert upload(coordinator_client, world.agreement_a, PDF + b"x", "../../scans/Меморандум.pdf").status_code == 302
    attachment = db.session.scalar(select(Attachment).order_by(Attachment.id.desc()))
    assert attachment.filename == "Меморандум.pdf"
    response = coordinator_client.get(f"/agreements/{world.agreement_a.id}/attachments/{attachment.id}")
    assert "filename*=UTF-8''%D0%9C" in response.headers["Content-Disposition"]


def test_the_page_lists_scans_without_loading_their_bytes(world, management_client):
    page = management_client.get(f"/agreements/{world.agreement_a.id}").get_data(as_text=True)
    assert f"/agreements/{world.agreement_a.id}/attachments/{world.attachment_a.id}" in page
    assert 'action="/agreements/' not in page  # management reads: no upload or remove forms
    loaded = db.session.get(Attachment, world.attachment_a.id)
    db.session.expire(loaded)
    db.session.refresh(loaded)
    assert "content" in inspect(loaded).unloaded


def test_not_a_pdf_by_its_name(world, coordinator_client):
    refused(coordinator_client, world.agreement_a, PDF, "scan.docx", "Only PDF files")


def test_not_a_pdf_by_its_content(world, coordinator_client):
    refused(
        coordinator_client, world.agreement_a, b"MZ\x90\x00 an executable in disguise", "scan.pdf", "not a PDF document"
    )


def test_an_empty_file(world, coordinator_client):
    refused(coordinator_client, world.agreement_a, b"", "scan.pdf", "empty")


def test_no_file(world, coordinator_client):
    before = row_counts()
    response = coordinator_client.post(f"/agreements/{world.agreement_a.id}/attachments", data={})
    assert response.status_code == 200
    assert "Choose a PDF file." in messages_beside(response.get_data(as_text=True), "attachment-file")
    assert row_counts() == before


def test_the_same_file_twice(world, coordinator_client):
    refused(
        coordinator_client,
        world.agreement_a,
        world.attachment_a.content,
        "again.pdf",
        "already attached as agreement-a.pdf",
    )


def test_over_the_attachment_limit_is_refused_beside_the_field(world, coordinator_client):
    # 11 MiB: under the request limit (12 MiB), over the scan limit (10 MiB).
    refused(
        coordinator_client,
        world.agreement_a,
        PDF + b"0" * (11 * MiB),
        "big.pdf",
        "too large (11 MB); the limit is 10 MB",
    )


def test_the_limit_is_configurable(app, world, coordinator_client, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1024)
    refused(coordinator_client, world.agreement_a, PDF + b"0" * 1024, "big.pdf", "the limit is 1 KB")
    assert upload(coordinator_client, world.agreement_a, PDF + b"0" * (1000 - len(PDF)), "small.pdf").status_code == 302


def test_a_request_over_the_server_limit_gets_the_413_page(world, coordinator_client):
    before = row_counts()
    response = upload(coordinator_client, world.agreement_a, PDF + b"0" * (12 * MiB + 1), "huge.pdf")
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)
    assert row_counts() == before


def test_liaison_b_gets_404_for_a_scan_of_a(world, liaison_b_client):
    response = liaison_b_client.get(f"/agreements/{world.agreement_a.id}/attachments/{world.attachment_a.id}")
    assert response.status_code == 404
    assert world.attachment_a.content not in response.data
    # Nor through their own agreement's address.
    response = liaison_b_client.get(f"/agreements/{world.agreement_b.id}/attachments/{world.attachment_a.id}")
    assert response.status_code == 404


@pytest.mark.parametrize("client_fixture", ["management_client", "liaison_a_client"])
def test_only_staff_upload_or_remove(world, request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    before = row_counts()
    assert upload(client, world.agreement_a, PDF + b"y", "mine.pdf").status_code == 403
    url = f"/agreements/{world.agreement_a.id}/attachments/{world.attachment_a.id}/delete"
    assert client.post(url).status_code == 403
    assert row_counts() == before


def test_staff_remove_a_scan(world, admin_client):
    response = admin_client.post(f"/agreements/{world.agreement_a.id}/attachments/{world.attachment_a.id}/delete")
    assert response.status_code == 302
    assert db.session.scalars(select(Attachment.id)).all() == [world.attachment_b.id]
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "agreement.attachment.delete"))


def test_removing_another_agreements_scan_through_this_address_is_404(world, admin_client):
    url = f"/agreements/{world.agreement_b.id}/attachments/{world.attachment_a.id}/delete"
    assert admin_client.post(url).status_code == 404
    assert db.session.get(Attachment, world.attachment_a.id) is not None


def test_stored_names_are_unique(world):
    AttachmentFactory(agreement=world.agreement_a, stored_name="a" * 32)
    with pytest.raises(IntegrityError):
        AttachmentFactory(agreement=world.agreement_b, stored_name="a" * 32)
    db.session.rollback()
