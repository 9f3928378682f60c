from tests.conftest import cmd, socket_for


def test_chair_can_move_focus(app, chair_client, demo_meeting):
    sock = socket_for(app, chair_client, demo_meeting)
    assert sock.is_connected()
    state = sock.emit("catch_up", {}, callback=True)["state"]
    second = state["areas"][1]["id"]
    ack = sock.emit("command", cmd("set_focus", area_id=second), callback=True)
    assert ack["ok"], ack
    assert ack["revision"] == state["revision"] + 1
