"""Backups, atomic writes and the pristine stub from git (kata/tool/files.py)."""

import os
import shutil

import pytest

from kata.tool import files
from kata.tool.project import Project, ToolError

from .conftest import ADD_HALF, ADD_SOLVED, ADD_STUB, KATAS, git

T0 = 1_800_000_000.0
ADD = KATAS[0]


def test_atomic_write_replaces_the_content_and_keeps_the_mode(tmp_path):
    path = tmp_path / "f.py"
    path.write_text("old")
    os.chmod(path, 0o640)
    files.atomic_write(path, "new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.py"], "no temporary file left behind"


def test_atomic_write_that_fails_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "f.py"
    path.write_text("old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        files.atomic_write(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.py"]


def test_backups_are_never_overwritten(project):
    path = project.path(ADD, "exercise")
    made = []
    for text in ("first", "second", "third"):
        path.write_text(text)
        made.append(files.backup(project, ADD, T0))  # same second every time
    assert len(set(made)) == 3
    assert [p.read_text() for p in made] == ["first", "second", "third"]
    assert all(p.parent == project.backup_dir / "demo" / "add" for p in made)
    assert made[0].name.endswith(".py") and made[1].stem.endswith("-2")


def test_pristine_stub_comes_from_head(project):
    project.path(ADD, "exercise").write_text(ADD_SOLVED)
    assert files.pristine_stub(project, ADD) == ADD_STUB


def test_pristine_stub_walks_back_past_a_committed_solution(project):
    path = project.path(ADD, "exercise")
    path.write_text(ADD_HALF)
    git(project.root, "commit", "-qam", "my progress")
    path.write_text(ADD_SOLVED)
    git(project.root, "commit", "-qam", "solved")
    assert files.pristine_stub(project, ADD) == ADD_STUB


def test_without_git_the_stub_cannot_be_restored(project):
    shutil.rmtree(project.root / ".git")
    project.path(ADD, "exercise").write_text(ADD_SOLVED)
    with pytest.raises(ToolError, match="untouched stub"):
        files.restore_stub(project, ADD, T0)
    assert project.path(ADD, "exercise").read_text() == ADD_SOLVED, "nothing touched"


def test_without_git_an_untouched_file_is_kept_as_the_stub(project):
    shutil.rmtree(project.root / ".git")
    restored = files.restore_stub(project, ADD, T0)
    assert (restored.changed, restored.backup, restored.stub) == (False, None, ADD_STUB)


def test_restore_backs_up_first_and_skips_an_identical_file(project):
    path = project.path(ADD, "exercise")
    assert files.restore_stub(project, ADD, T0).backup is None, "already the stub"
    path.write_text(ADD_SOLVED)
    restored = files.restore_stub(project, ADD, T0)
    assert restored.changed and path.read_text() == ADD_STUB
    assert restored.backup.read_text() == ADD_SOLVED


def test_restore_recreates_a_deleted_exercise(project):
    project.path(ADD, "exercise").unlink()
    restored = files.restore_stub(project, ADD, T0)
    assert restored.backup is None and project.path(ADD, "exercise").read_text() == ADD_STUB


def test_project_paths_follow_the_catalog_layout_under_another_root(tmp_path):
    project = Project(tmp_path, KATAS)
    assert project.path(ADD, "exercise") == tmp_path / "exercises/demo/add.py"
    assert project.path(ADD, "test") == tmp_path / "tests/demo/test_add.py"
    assert project.path(ADD, "hints") == tmp_path / "hints/demo/add.md"
    assert project.path(ADD, "cheatsheet") == tmp_path / "cheatsheets/demo.md"
    assert project.rel(project.path(ADD, "solution")) == "solutions/demo/add.py"
