"""Staff accounts: Argon2id hashes, an admin creates, resets, deactivates and reactivates accounts, a
temporary password only lets its owner choose their own, and the CLI makes the first admin."""

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from meeting import accounts, db
from meeting.models import User
from tests.conftest import PASSWORD, csrf, sign_in


@pytest.fixture
def admin(app, make_user):
    admin_id, email = make_user("admin")
    client = app.test_client()
    sign_in(client, email)
    return client


def _user(app, email: str) -> User:
    with app.app_context():
        return db.session().scalar(select(User).where(User.email == email))


def _create(admin, **form):
    data = {"email": "gareth.morgan@example.org", "name": "Gareth Morgan", "role": "social_worker", **form}
    return admin.post("/admin/accounts", data={**data, "csrf_token": csrf(admin)})


def _temporary_password(page: str) -> str:
    return page.split('<p class="temporary-password"><code>', 1)[1].split("</code>", 1)[0]


def test_passwords_are_hashed_with_argon2id(monkeypatch, app, make_user):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())  # the real settings
    _, email = make_user("chair")
    stored = _user(app, email).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert "m=65536" in stored  # 64 MiB: memory-hard


def test_an_admin_creates_an_account_with_a_temporary_password_shown_once(app, admin):
    response = _create(admin, agency="Children's Services")
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    password = _temporary_password(page)
    assert len(password) >= 16
    assert response.headers["Cache-Control"] == "no-store"
    user = _user(app, "gareth.morgan@example.org")
    assert user.role == "social_worker" and user.must_change_password and user.active
    # Shown only at creation: the list afterwards does not show it.
    assert password not in admin.get("/admin/accounts").get_data(as_text=True)


def test_a_temporary_password_only_lets_its_owner_choose_their_own(app, admin):
    password = _temporary_password(_create(admin).get_data(as_text=True))
    owner = app.test_client()
    first = sign_in(owner, "gareth.morgan@example.org", password)
    assert first.headers["Location"] == "/password"
    for page in ("/", "/meetings/new", "/admin/accounts"):
        assert owner.get(page).headers["Location"] == "/password"
    changed = owner.post(
        "/password",
        data={
            "current": password,
            "new": "my own long passphrase",
            "confirm": "my own long passphrase",
            "csrf_token": csrf(owner),
        },
    )
    assert changed.status_code == 200
    assert owner.get("/").status_code == 200
    assert not _user(app, "gareth.morgan@example.org").must_change_password


@pytest.mark.parametrize(
    "form, status, message",
    [
        ({"role": "parent"}, 400, "A staff account is an admin, a chair or a social worker."),
        ({"role": "screen"}, 400, "A staff account is an admin, a chair or a social worker."),
        ({"email": "not an email"}, 400, "Enter an email address."),
        ({"name": ""}, 400, "Name cannot be empty."),
    ],
)
def test_a_bad_account_is_refused_with_its_reason(app, admin, form, status, message):
    response = _create(admin, **form)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert _user(app, "gareth.morgan@example.org") is None


def test_an_email_has_one_account_whatever_its_case(app, admin):
    _create(admin)
    again = _create(admin, email="Gareth.Morgan@Example.org")
    assert again.status_code == 409
    assert "already an account with that email" in again.get_data(as_text=True)


def test_deactivating_an_account_ends_its_sessions_and_sign_ins(app, admin, make_user):
    user_id, email = make_user("chair")
    chair = app.test_client()
    sign_in(chair, email)
    assert chair.get("/").status_code == 200
    assert (
        admin.post(f"/admin/accounts/{user_id}/deactivate", data={"csrf_token": csrf(admin)}).status_code
        == 302
    )
    assert chair.get("/").headers["Location"].startswith("/signin")
    assert sign_in(app.test_client(), email).status_code == 403
    assert (
        admin.post(f"/admin/accounts/{user_id}/reactivate", data={"csrf_token": csrf(admin)}).status_code
        == 302
    )
    assert sign_in(app.test_client(), email).status_code == 302


def test_an_admin_cannot_deactivate_their_own_account(app, admin):
    me = _user(app, _admin_email(app))
    response = admin.post(f"/admin/accounts/{me.id}/deactivate", data={"csrf_token": csrf(admin)})
    assert response.status_code == 409
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    assert _user(app, me.email).active


def _admin_email(app) -> str:
    with app.app_context():
        return db.session().scalar(select(User.email).where(User.role == "admin"))


def test_a_password_reset_ends_the_old_sessions(app, admin, make_user):
    user_id, email = make_user("chair")
    chair = app.test_client()
    sign_in(chair, email)
    response = admin.post(f"/admin/accounts/{user_id}/reset-password", data={"csrf_token": csrf(admin)})
    temporary = _temporary_password(response.get_data(as_text=True))
    assert chair.get("/").headers["Location"].startswith("/signin")
    assert sign_in(app.test_client(), email).status_code == 403  # the old password is gone
    assert sign_in(app.test_client(), email, temporary).headers["Location"] == "/password"


def _copy_of(app, browser):
    """Another browser holding a copy of this one's session cookie (a shared PC, a proxy log)."""
    thief = app.test_client()
    thief.set_cookie("ecp_session", browser.get_cookie("ecp_session").value)
    return thief


def _sign_out(browser):
    return browser.post("/signout", data={"csrf_token": csrf(browser)})


def test_a_copied_session_cookie_stops_working_once_its_owner_signs_out(app, make_user):
    user_id, email = make_user("chair")
    owner = app.test_client()
    sign_in(owner, email)
    thief = _copy_of(app, owner)
    assert thief.get("/").status_code == 200  # the copy works while the session does
    assert _sign_out(owner).status_code == 302
    assert thief.get("/").headers["Location"].startswith("/signin")


def test_signing_out_ends_the_accounts_sessions_in_other_browsers_too(app, make_user):
    user_id, email = make_user("chair")
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, email)
    sign_in(phone, email)
    _sign_out(laptop)
    assert phone.get("/").headers["Location"].startswith("/signin")


def test_an_old_copy_cannot_sign_the_owner_out_of_a_new_session(app, make_user):
    """Signing out with a cookie that no longer works changes nothing: a thief cannot keep
    signing the owner out."""
    user_id, email = make_user("chair")
    owner = app.test_client()
    sign_in(owner, email)
    thief = _copy_of(app, owner)
    _sign_out(owner)
    sign_in(owner, email)
    _sign_out(thief)
    assert owner.get("/").status_code == 200


def test_signing_in_again_after_signing_out_works(app, make_user):
    user_id, email = make_user("chair")
    browser = app.test_client()
    sign_in(browser, email)
    _sign_out(browser)
    assert sign_in(browser, email).status_code == 302
    assert browser.get("/").status_code == 200


def test_changing_ones_password_needs_the_current_one_and_a_long_new_one(app, chair_client):
    def change(current, new, confirm=None):
        return chair_client.post(
            "/password",
            data={
                "current": current,
                "new": new,
                "confirm": confirm or new,
                "csrf_token": csrf(chair_client),
            },
        )

    assert "Your current password is not right." in change("wrong one", "a long new passphrase").get_data(
        True
    )
    assert "at least 12 characters" in change(PASSWORD, "short").get_data(as_text=True)
    assert "do not match" in change(PASSWORD, "a long new passphrase", "another").get_data(as_text=True)
    assert change(PASSWORD, "a long new passphrase").status_code == 200
    assert chair_client.get("/").status_code == 200  # this session goes on


# --- the CLI -----------------------------------------------------------------------------------


def test_create_admin_reads_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "Admin@Example.org", "--name", "Ada Admin", "--password-stdin"],
        input="a long admin passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created admin admin@example.org." in result.output
    user = _user(app, "admin@example.org")
    assert user.role == "admin" and not user.must_change_password
    assert sign_in(app.test_client(), "admin@example.org", "a long admin passphrase").status_code == 302


def test_create_admin_asks_twice_when_interactive(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin"],
        input="ada@example.org\nAda Admin\na long admin passphrase\na long admin passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert _user(app, "ada@example.org").role == "admin"


@pytest.mark.parametrize(
    "password, message",
    [("short", "at least 12 characters"), ("", "at least 12 characters")],
)
def test_create_admin_refuses_a_weak_password_with_its_reason(app, password, message):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "a@example.org", "--name", "A", "--password-stdin"],
        input=password + "\n",
    )
    assert result.exit_code == 1
    assert message in result.output
    assert _user(app, "a@example.org") is None


def test_create_admin_refuses_an_existing_email(app, make_user):
    _, email = make_user("chair")
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", email, "--name", "A", "--password-stdin"],
        input="a long passphrase!\n",
    )
    assert result.exit_code == 1
    assert "already an account" in result.output
