# Two entry points (see README): `make run` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
QUESTION ?= how many troops were sent?
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: install model run demo test test-fast clean-venv

install: $(STAMP) model

# torch first and pinned: pip takes the local CPU wheel; an unpinned torch would pull a CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing packages into $(VENV) (log: $(VENV)/install.log) ..."
	@$(BIN)/python -m pip install --disable-pip-version-check torch==2.13.0 > $(VENV)/install.log 2>&1 \
	  && $(BIN)/python -m pip install --disable-pip-version-check -e '.[test]' >> $(VENV)/install.log 2>&1 \
	  || (tail -n 40 $(VENV)/install.log; exit 1)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

model: $(STAMP)
	$(BIN)/rag install-model

# demo: ingest the samples and answer one question in the terminal; run: the same, then the chat UI
demo: install
	$(BIN)/rag ingest samples/
	$(BIN)/rag ask "$(QUESTION)"

run: demo
	$(BIN)/rag serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not real_model"

clean-venv:
	rm -rf $(VENV)
