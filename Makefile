# Entry points (see README): `make run`, `make test`. Both install what is missing first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYPROJECT_SUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(PYPROJECT_SUM)
LLM_STAMP := $(VENV)/.installed-llm-$(PYPROJECT_SUM)
QUESTION ?= how many troops were sent?
HOST ?= 127.0.0.1
PORT ?= 7860
# llama-cpp-python is source-only on PyPI: the wheel is built once and kept outside the clone, so later
# installs take seconds. It is built for AVX2 and without llama.cpp's AMX kernels, not -march=native: on
# AMX CPUs (Sapphire Rapids) a native build segfaults in its first decode (ggml-org/llama.cpp#20824).
LLAMA_CPP := llama-cpp-python==0.3.36
LLAMA_CMAKE_ARGS := -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
  -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
WHEELS := $(HOME)/.cache/rag/wheels/avx2-$(shell echo '$(LLAMA_CMAKE_ARGS)' | cksum | cut -d' ' -f1)

.PHONY: install model llm-runtime llm smoke-llm run demo test test-fast reader clean-venv

install: $(STAMP) model

# torch first and pinned: pip takes the local CPU wheel; an unpinned torch would pull a CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing packages into $(VENV) (log: $(VENV)/install.log) ..."
	@$(BIN)/python -m pip install --disable-pip-version-check torch==2.13.0 > $(VENV)/install.log 2>&1 \
	  && $(BIN)/python -m pip install --disable-pip-version-check -e '.[test]' >> $(VENV)/install.log 2>&1 \
	  || (tail -n 40 $(VENV)/install.log; exit 1)
	rm -f $(VENV)/.installed-[0-9]*
	touch $(STAMP)

model: $(STAMP)
	$(BIN)/rag install-model

# the local answerer's runtime (llama.cpp); `make llm` adds the Qwen model (1.1 GB) on top
$(LLM_STAMP): $(STAMP)
	@mkdir -p $(WHEELS)
	@ls $(WHEELS)/llama_cpp_python-0.3.36-*.whl > /dev/null 2>&1 || { \
	  echo "building $(LLAMA_CPP) once for this machine (~6-10 min; cached in $(WHEELS)) ..."; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip wheel --disable-pip-version-check --no-cache-dir --no-deps \
	    -w $(WHEELS) $(LLAMA_CPP) >> $(VENV)/install.log 2>&1 || { tail -n 40 $(VENV)/install.log; exit 1; }; }
	@$(BIN)/python -m pip install --disable-pip-version-check --find-links $(WHEELS) -e '.[test,local-llm]' \
	  >> $(VENV)/install.log 2>&1 || { tail -n 40 $(VENV)/install.log; exit 1; }
	rm -f $(VENV)/.installed-llm-*
	touch $(LLM_STAMP)

llm-runtime: $(LLM_STAMP)

smoke-llm: llm-runtime
	$(BIN)/rag install-llm smollm2-135m

llm: llm-runtime
	$(BIN)/rag install-llm qwen2.5-coder-1.5b

# demo: ingest the samples and answer one question in the terminal; run: the local language model (short
# answers, docs/answers.md), the same, then the chat UI. `make run ANSWERER=extractive` skips the model.
ANSWERER ?= auto
demo: install
	$(BIN)/rag ingest samples/
	RAG_ANSWERER=$(ANSWERER) $(BIN)/rag ask "$(QUESTION)"

run: $(if $(filter extractive,$(ANSWERER)),install,llm) demo
	RAG_ANSWERER=$(ANSWERER) $(BIN)/rag serve --host $(HOST) --port $(PORT)

# the tests include llama.cpp's OpenAI-compatible server with the tiny SmolLM2 model, and the short answers
# of the Qwen model `make run` installs
test: install smoke-llm llm
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not real_model"

# retrain the reader (rag/reader/model.json, committed) from ../shared/data; ~25 min cold, see docs/reader.md
reader: install
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test,train]'
	$(BIN)/rag train-reader --work $(HOME)/.cache/rag/train --report docs/reader-report.json

clean-venv:
	rm -rf $(VENV)
