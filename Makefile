# Two commands do all the set-up on a fresh machine:
#   make demo   virtual environment, install, build the example article, print a SPARQL answer, write exports/
#   make test   the test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
EXAMPLE := examples/harbour-street-fire.txt

.PHONY: install demo test eval eval-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(KG) build $(EXAMPLE) -o exports/example.ttl
	$(KG) build $(EXAMPLE) -o exports/example.trig
	$(KG) build $(EXAMPLE) -o exports/example.jsonld
	$(KG) viz exports/example.ttl -o exports/example.html
	$(KG) viz exports/example.ttl -o exports/example.png
	$(KG) validate exports/example.ttl
	$(KG) query exports/example.ttl --name people
	$(KG) query exports/example.ttl --name event-roles

test: install
	$(BIN)/python -m pytest

eval: install
	$(KG) eval

eval-check: install
	$(KG) eval --floor tests/eval_floor.json

clean:
	rm -rf $(VENV) .pytest_cache
