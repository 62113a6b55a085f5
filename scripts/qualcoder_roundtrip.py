"""A real round trip through QualCoder's own REFI-QDA import and export, headless.

QualCoder (https://github.com/ccbogel/QualCoder, LGPL-3.0) is not on PyPI and is a Qt desktop
application; its ``refi.py`` needs only PyQt6 (and pymupdf, Pillow for its helpers). Run this in a
separate environment holding those and a checkout of QualCoder's ``src`` folder — never in
consult's own (QualCoder is not a dependency):

    python -m venv /tmp/qc && /tmp/qc/bin/pip install PyQt6 pymupdf Pillow lxml
    git clone https://github.com/ccbogel/QualCoder /tmp/QualCoder
    QT_QPA_PLATFORM=offscreen /tmp/qc/bin/python scripts/qualcoder_roundtrip.py \\
        /tmp/QualCoder/src consult_export.qdpx qualcoder_export.qdpx

What it does, each step with QualCoder's code where QualCoder has it:

1. makes a new QualCoder project: the tables of ``MainWindow.new_project`` (read from its
   source), ``App.update_coder_names`` and the project row, as *Project → New* does;
2. imports ``consult_export.qdpx`` with ``RefiImport.import_project`` (*Project → Import
   REFI-QDA project*) and prints the coder name QualCoder adopted;
3. codes as an analyst does in *Code text* — the rows the dialog writes to ``code_name`` and
   ``code_text`` under the coder name: two new codes on phrases found in the sources (some on
   points that carry one of consult's codes too), one of consult's codes renamed, another
   deleted with its codings;
4. exports the project with ``RefiExport`` (*Project → Export REFI-QDA project*) to
   ``qualcoder_export.qdpx``.

QualCoder's dialogs (message boxes, the line-endings question, the file choosers) are answered
by stand-ins, so nothing waits for a person; QualCoder's AI module (langchain, not used by the
import or export) is replaced by a stub. Then read the result with consult
(``consult.read_codes``, ``consult report --codes``, ``consult agree``).
"""

from __future__ import annotations

import ast
import builtins
import datetime
import os
import sys
import tempfile
import types
from pathlib import Path

#: the analyst's codes: name → phrases coded wherever they occur in a source
NEW_CODES = {"규제": ["규제", "제도 개선"], "처우": ["처우", "연봉"]}
#: the consult code renamed (found by its number) and the one deleted
RENAME = ("1.", "세계 시장 (수정)")
DELETE = "5."


def _setup_qt(src: Path) -> types.SimpleNamespace:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(src))
    builtins._ = lambda s: s  # QualCoder installs gettext's _ at start-up
    ai = types.ModuleType("qualcoder.ai_llm")  # langchain & co.: not used by REFI import/export
    ai.get_default_ai_models = lambda *a, **k: []
    ai.update_ai_models = lambda *a, **k: []
    sys.modules["qualcoder.ai_llm"] = ai
    from PyQt6 import QtWidgets

    qapp = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from qualcoder import refi
    from qualcoder.app import App

    said: list[str] = []

    class Message:  # QualCoder's message box: recorded, not shown
        def __init__(self, app, title, text, *a, **k):
            said.append(f"{title}: {text}")

        def exec(self):
            return 0

    class LineEndings:  # the export's "line endings for MAXQDA?" question: no
        def __init__(self, *a, **k):
            self.ui = types.SimpleNamespace(radioButton_maxqda=types.SimpleNamespace(isChecked=lambda: False))

        def exec(self):
            return 0

    refi.Message = Message
    refi.RefiLineEndings = LineEndings
    return types.SimpleNamespace(qapp=qapp, refi=refi, App=App, said=said, QtWidgets=QtWidgets)


class _Log:  # the main window's action log
    def __init__(self):
        self.lines: list[str] = []

    def append(self, text: str) -> None:
        self.lines.append(text)


def _new_project(qc, src: Path, folder: Path, name: str):
    """*Project → New*: the folders, the tables of ``new_project`` and the project row."""
    app = qc.App()
    app.settings.update({"codername": "default", "directory": str(folder), "ai_enable": "False"})
    app.write_config_ini = lambda *a, **k: None  # leave the user's QualCoder settings alone
    path = folder / f"{name}.qda"
    for sub in ("", "images", "audio", "video", "documents"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    app.create_connection(str(path))
    cur = app.conn.cursor()
    for sql in _create_statements(src):
        cur.execute(sql)
    app.update_coder_names()
    cur.execute("INSERT INTO project VALUES(?,?,?,?,?,?,?,?,null,null,null)",
                ("v17", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S"), "",
                 app.version, 0, 0, app.settings["codername"], ""))
    app.conn.commit()
    return app


def _create_statements(src: Path) -> list[str]:
    """The ``CREATE TABLE`` statements of QualCoder's ``MainWindow.new_project``."""
    tree = ast.parse((src / "qualcoder" / "__main__.py").read_text(encoding="utf-8"))
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "new_project")
    out = []
    for call in ast.walk(fn):
        if (isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "execute" and call.args
                and isinstance(call.args[0], ast.Constant | ast.JoinedStr | ast.BinOp)):
            try:
                sql = ast.literal_eval(call.args[0])
            except ValueError:
                continue
            if isinstance(sql, str) and sql.lstrip().upper().startswith("CREATE TABLE"):
                out.append(sql)
    return out


def _code(app, cur) -> dict[str, int]:
    cur.execute("select name, cid from code_name")
    return dict(cur.fetchall())


def _analyst_codes(app) -> dict[str, int]:
    """What *Code text* writes when the analyst codes, renames and deletes."""
    cur = app.conn.cursor()
    coder = app.settings["codername"]
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    codes = _code(app, cur)
    renamed = next(n for n in codes if n.startswith(RENAME[0]))
    cur.execute("update code_name set name=? where cid=?", (RENAME[1], codes[renamed]))
    gone = next(n for n in codes if n.startswith(DELETE))
    cur.execute("delete from code_text where cid=?", (codes[gone],))
    cur.execute("delete from code_name where cid=?", (codes[gone],))
    cur.execute("select id, fulltext from source where fulltext is not null")
    sources = cur.fetchall()
    counts = {}
    for name, phrases in NEW_CODES.items():
        cur.execute("insert into code_name (name, memo, owner, date, catid, color) values(?,?,?,?,?,?)",
                    (name, "", coder, now, None, "#F28E2B"))
        cid = cur.lastrowid
        n = 0
        for fid, text in sources:
            for phrase in phrases:
                start = text.find(phrase)
                while start >= 0:
                    cur.execute("insert or ignore into code_text (cid, fid, seltext, pos0, pos1, owner, date, "
                                "memo, important) values(?,?,?,?,?,?,?,?,?)",
                                (cid, fid, phrase, start, start + len(phrase), coder, now, "", None))
                    n += 1
                    start = text.find(phrase, start + 1)
        counts[name] = n
    app.conn.commit()
    app.update_coder_names()
    return {"renamed": renamed, "deleted": gone, **counts}


def main(src: str, consult_qdpx: str, out_qdpx: str) -> None:
    src_path = Path(src)
    work = Path(tempfile.mkdtemp(prefix="qualcoder_"))
    # QualCoder keeps its settings in ~/.qualcoder and RefiExport prepares the zip there: a
    # home of its own, set before QualCoder is imported
    os.environ["HOME"] = str(work)
    (work / ".qualcoder").mkdir()
    qc = _setup_qt(src_path)
    app = _new_project(qc, src_path, work, "consult_roundtrip")
    dialogs = qc.QtWidgets.QFileDialog
    dialogs.getOpenFileName = staticmethod(lambda *a, **k: (str(Path(consult_qdpx).resolve()), "qdpx"))
    dialogs.getExistingDirectory = staticmethod(lambda *a, **k: str(work))
    log = _Log()
    qc.refi.RefiImport(app, log, "qdpx")
    print("imported:", "; ".join(line for line in log.lines if "Loaded" in line or "loaded" in line))
    print("QualCoder's coder name after import:", app.settings["codername"])
    cur = app.conn.cursor()
    cur.execute("select owner, count(*) from code_text group by owner")
    print("codings by owner after import:", dict(cur.fetchall()))
    done = _analyst_codes(app)
    print("analyst:", done)
    qc.refi.RefiExport(app, log, "project")
    exported = work / "consult_roundtrip.qdpx"
    Path(out_qdpx).write_bytes(exported.read_bytes())
    cur.execute("select owner, count(*) from code_text group by owner")
    print("codings by owner exported:", dict(cur.fetchall()))
    print("wrote", out_qdpx)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
