"""The model catalogue without a network: the data, the filters, the speed rule, the download path (a local
folder and a real HTTP server on 127.0.0.1 serving a tiny model folder made here), and translation advice."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assets import asset
from runtime.catalogue import (
    CatalogueModel, GatedModelError, SpeedReference, chosen_download, discard_download, expected_tokens_per_s, fetch_model,
    fetched_bytes, filter_models, load_catalogue, parameter_count, parse_catalogue, poor_at,
)
from runtime.catalogue.fetch import download_folder, file_url
from runtime.download import DownloadPausedError, part_path
from runtime.errors import ModelNotFoundError, OfflineError
from runtime.models import SUPPORTED_ARCHITECTURES, get_model
from tests.runtime.tiny_hub import TINY_CONFIG, HubHandler, make_tiny_hub, serve_hub


# the data ------------------------------------------------------------------------------------------------------
def test_the_shipped_catalogue_parses_and_lists_only_models_penna_runs():
    catalogue = load_catalogue()
    assert len(catalogue.models) >= 10
    assert {model.architecture for model in catalogue.models} <= set(SUPPORTED_ARCHITECTURES)
    by_repo = {model.repo: model for model in catalogue.models}
    assert by_repo["meta-llama/Llama-3.2-1B-Instruct"].gated and by_repo["google/gemma-3-1b-it"].gated
    assert not by_repo["Qwen/Qwen2.5-1.5B-Instruct"].gated
    assert "google/gemma-3-4b-it" not in by_repo  # multimodal (model_type gemma3): not a model Penna runs
    assert all(model.size_approximate for model in catalogue.models)  # not checked against the hub from here
    assert catalogue.recommended_for("translation").id == "qwen2.5-1.5b-instruct"
    assert len({model.id for model in catalogue.models}) == len(catalogue.models)


def test_each_entry_fetches_config_weights_and_a_tokenizer():
    for model in load_catalogue().models:
        assert "config.json" in model.files and "tokenizer.json" in model.files, model.id
        shards = [file for file in model.files if file.endswith(".safetensors")]
        assert shards and (len(shards) == 1 or "model.safetensors.index.json" in model.files), model.id


def _catalogue_text(**changes: object) -> str:
    data = json.loads(asset("catalogue", "models.json").read_text(encoding="utf-8"))
    data["models"][0].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(("changes", "message"), [
    ({"architecture": "gemma3"}, "not one Penna runs"),
    ({"good_for": ["chat", "poetry"]}, "unknown tasks"),
    ({"files": ["config.json", "pytorch_model.bin"]}, "safetensors"),
])
def test_a_bad_entry_is_refused_with_its_reason(changes, message):
    with pytest.raises(ValueError, match=message):
        parse_catalogue(_catalogue_text(**changes))


def test_filters_by_task_and_memory_smallest_first():
    models = load_catalogue().models
    translators = filter_models(models, "translation")
    assert translators and all("translation" in model.good_for for model in translators)
    assert [model.parameters for model in translators] == sorted(model.parameters for model in translators)
    small = filter_models(models, None, memory_gb=4.0)
    assert small and all(model.ram_gb <= 4.0 for model in small)
    assert len(small) < len(filter_models(models))
    assert filter_models(models, "translation", memory_gb=1.0) == []


# the speed rule ----------------------------------------------------------------------------------------------
def test_expected_speed_scales_with_the_bytes_of_weights():
    reference = SpeedReference(parameters=135_000_000, precision="fp32", tokens_per_s=36.0)
    assert expected_tokens_per_s(reference, 1_350_000_000) == pytest.approx(3.6)
    assert expected_tokens_per_s(reference, 1_350_000_000, "int8") == pytest.approx(14.4)
    assert expected_tokens_per_s(reference, 135_000_000) == pytest.approx(36.0)


@pytest.mark.parametrize("config", [
    TINY_CONFIG,
    {**TINY_CONFIG, "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "tie_word_embeddings": False},
    {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_embd": 256, "n_layer": 2, "n_head": 4,
     "vocab_size": 500, "n_positions": 128},
])
def test_parameter_count_matches_a_real_model_built_from_the_config(config):
    """Counted from config.json alone, within 1% of the parameters of the model transformers builds from it
    (norms and biases are left out on purpose: they are a rounding error at real sizes)."""
    import transformers

    model = transformers.AutoModelForCausalLM.from_config(transformers.AutoConfig.for_model(**config))
    assert parameter_count(config) == pytest.approx(model.num_parameters(), rel=0.01)


def test_the_default_model_counts_as_135m(default_export):
    config = json.loads((Path(default_export.path) / "config.json").read_text(encoding="utf-8"))
    assert parameter_count(config) == pytest.approx(134.5e6, rel=0.005)


# advice for the tasks -----------------------------------------------------------------------------------------
def test_the_rule_for_translating_well():
    assert poor_at("translation", "smollm2-135m-instruct", 134_500_000)
    assert not poor_at("translation", "my-own-7b", 7_000_000_000)
    assert poor_at("translation", "smollm2-1.7b-instruct", 1_710_000_000)  # big enough, but English only
    assert not poor_at("translation", "qwen2.5-1.5b-instruct", None)
    assert not poor_at("translation", "a-remote-model", None)  # size unknown: no warning


def test_the_rule_for_summarising_well():
    assert poor_at("summaries", "smollm2-135m-instruct", 134_500_000)
    assert poor_at("summaries", "smollm2-360m-instruct", 362_000_000)  # the catalogue: chat only
    assert not poor_at("summaries", "qwen2.5-0.5b-instruct", 494_000_000)
    assert not poor_at("summaries", "my-own-1b", 1_000_000_000)
    assert poor_at("summaries", "my-own-135m", 135_000_000)


@pytest.mark.slow
@pytest.mark.parametrize("task", ["translation", "summaries"])
def test_the_default_model_gets_advice_with_a_recommended_download(default_engine, task):
    from runtime.catalogue import task_advice

    advice = task_advice(default_engine, task)
    assert advice is not None and advice.parameters == pytest.approx(134.5e6, rel=0.005)
    assert advice.task == task and task in advice.recommended.good_for


# downloading -------------------------------------------------------------------------------------------------
@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PENNA_HOME of the test's own: its downloads and model registry."""
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def tiny_model(tmp_path: Path) -> tuple[CatalogueModel, Path]:
    return make_tiny_hub(tmp_path / "hub")


@pytest.fixture
def hub(tiny_model) -> Iterator[str]:
    with serve_hub(tiny_model[1]) as url:
        yield url


def test_file_urls_for_the_hub_a_base_url_and_a_local_folder(tmp_path):
    assert file_url("https://huggingface.co/{repo}/resolve/main/{file}", "Qwen/Qwen3-0.6B", "config.json") == \
        "https://huggingface.co/Qwen/Qwen3-0.6B/resolve/main/config.json"
    assert file_url("http://mirror.local/models/", "a/b", "c.json") == "http://mirror.local/models/a/b/c.json"
    assert file_url(str(tmp_path), "a/b", "c.json") == (tmp_path / "a" / "b" / "c.json").as_uri()


def test_a_model_from_a_local_folder_is_downloaded_and_registered(tiny_model, private_home):
    entry, root = tiny_model
    seen = []
    model = fetch_model(entry, progress=seen.append, source=str(root))
    assert model.name == entry.id and get_model(entry.id).architecture == "llama"
    for file in entry.files:
        assert (download_folder(entry) / file).read_bytes() == (root / entry.repo / file).read_bytes()
    assert [update.index for update in seen] == sorted(update.index for update in seen)
    assert seen[-1].done == seen[-1].total == fetched_bytes(entry)


def test_a_sharded_model_fetches_the_shards_its_index_names(tmp_path, private_home):
    entry, root = make_tiny_hub(tmp_path / "hub", shards=2)
    stale = tuple(file for file in entry.files if "-of-" not in file) + ("model-00001-of-00003.safetensors",)
    fetch_model(dataclasses.replace(entry, files=stale), source=str(root))
    fetched = sorted(path.name for path in download_folder(entry).iterdir())
    assert fetched == sorted(entry.files)  # the two shards the index names, not the stale list's three
    assert get_model(entry.id).name == entry.id


def test_pause_then_resume_over_http_fetches_only_the_rest(tiny_model, hub, private_home):
    entry, root = tiny_model
    pause = threading.Event()

    def pause_in_the_weights(update) -> None:  # noqa: ANN001
        if update.file == "model.safetensors":
            pause.set()

    with pytest.raises(DownloadPausedError):
        fetch_model(entry, progress=pause_in_the_weights, pause=pause, source=hub)
    weights = download_folder(entry) / "model.safetensors"
    kept = part_path(weights).stat().st_size
    assert 0 < kept < (root / entry.repo / "model.safetensors").stat().st_size
    assert (download_folder(entry) / "config.json").exists()
    HubHandler.requests.clear()
    fetch_model(entry, source=hub)
    assert weights.read_bytes() == (root / entry.repo / "model.safetensors").read_bytes()
    fetched = {path.rsplit("/", 1)[-1]: ranges for path, ranges in HubHandler.requests}
    assert fetched == {"model.safetensors": f"bytes={kept}-", "tokenizer.json": None}  # config.json was whole


def test_cancel_discards_what_was_fetched(tiny_model, hub, private_home):
    entry, _root = tiny_model
    pause = threading.Event()
    pause.set()
    with pytest.raises(DownloadPausedError):
        fetch_model(entry, pause=pause, source=hub)
    assert fetched_bytes(entry) > 0
    discard_download(entry)
    assert fetched_bytes(entry) == 0 and not download_folder(entry).exists()


def test_a_gated_model_says_how_to_get_access(tiny_model, hub, private_home):
    entry = dataclasses.replace(tiny_model[0], gated=True, license="Llama 3.2 Community License")
    HubHandler.refuse = 403
    with pytest.raises(GatedModelError, match="accept its licence .* HF_TOKEN"):
        fetch_model(entry, source=hub)


def test_a_missing_file_is_a_clear_error(tiny_model, hub, private_home):
    entry = dataclasses.replace(tiny_model[0], files=("config.json", "missing.safetensors"))
    with pytest.raises(ModelNotFoundError, match="missing.safetensors"):
        fetch_model(entry, source=hub)


def test_offline_is_a_clear_error_and_keeps_nothing_half_registered(tiny_model, private_home):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(OfflineError, match="Check the internet connection"):
        fetch_model(tiny_model[0], source=f"http://127.0.0.1:{port}/{{repo}}/{{file}}")
    with pytest.raises(ModelNotFoundError):
        get_model(tiny_model[0].id)


# the command line --------------------------------------------------------------------------------------------
def test_the_command_lists_the_catalogue_by_task(capsys):
    from runtime.cli import main

    assert main(["models", "catalogue", "--task", "translation"]) == 0
    rows = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:] if line and not line.startswith("This")]
    assert rows == [model.id for model in filter_models(load_catalogue().models, "translation")]


def test_the_command_refuses_an_unknown_model_and_says_where_the_list_is(capsys, private_home):
    from runtime.cli import main

    assert main(["models", "download", "gpt-9"]) == 1
    assert "`penna models catalogue` lists them" in capsys.readouterr().err


def test_the_command_reports_offline_clearly(capsys, private_home, monkeypatch):
    from runtime.cli import main

    monkeypatch.setenv("PENNA_HUB_URL", "http://127.0.0.1:9/{repo}/{file}")  # port 9: nobody listens
    assert main(["models", "download", "qwen2.5-0.5b-instruct"]) == 1
    assert "Check the internet connection" in capsys.readouterr().err


# GGUF files published beside the safetensors ---------------------------------------------------------------------
@pytest.fixture
def published_gguf(tiny_model, tmp_path) -> tuple[CatalogueModel, Path]:
    """The tiny entry with a Q4_0 GGUF of a tiny llama published for int4 in a repo of its own."""
    import gguf

    from tests.runtime.test_parity import build_tiny_model
    from tests.runtime.tiny_gguf import write_gguf

    entry, root = tiny_model
    build_tiny_model("llama", tmp_path / "tiny-llama")
    repo = "penna-test/Tiny-Llama-Instruct-GGUF"
    (root / repo).mkdir(parents=True)
    path = write_gguf(tmp_path / "tiny-llama", root / repo / "tiny-llama-q4_0.gguf", gguf.GGMLQuantizationType.Q4_0)
    published = {"int4": {"repo": repo, "file": path.name, "download_gb": path.stat().st_size / 1e9}}
    return dataclasses.replace(entry, gguf=published), root


def test_an_int4_download_fetches_the_published_gguf_only(published_gguf, private_home):
    entry, root = published_gguf
    model = fetch_model(entry, source=str(root), precision="int4")
    assert model.name == entry.id and model.kind == "gguf" and get_model(entry.id).source.endswith("tiny-llama-q4_0.gguf")
    assert [path.name for path in download_folder(entry, "int4").iterdir()] == ["tiny-llama-q4_0.gguf"]
    assert fetched_bytes(entry, "int4") == (root / entry.gguf["int4"]["repo"] / "tiny-llama-q4_0.gguf").stat().st_size
    assert not download_folder(entry, "fp32").exists()  # no safetensors fetched
    assert chosen_download(entry, "int8").files == entry.files  # nothing published for int8: the safetensors


def test_a_gguf_gone_from_the_hub_falls_back_to_the_safetensors(published_gguf, private_home):
    entry, root = published_gguf
    moved = dataclasses.replace(entry, gguf={"int4": {**entry.gguf["int4"], "file": "renamed.gguf"}})
    with serve_hub(root) as url:
        model = fetch_model(moved, source=url, precision="int4")
    assert model.name == entry.id and model.kind == "folder"
    assert not download_folder(moved, "int4").exists()  # the partial GGUF download is gone


def test_the_catalogue_points_cpu_int_precisions_at_published_gguf_files():
    catalogue = load_catalogue()
    for model in catalogue.models:
        for precision, published in (model.gguf or {}).items():
            download = model.download(precision)
            assert download.gguf == published["file"] and download.repo.endswith("-GGUF"), model.id
            assert download.download_gb < model.download_gb * 0.75, model.id  # well under the bf16 download
    assert catalogue.get("qwen2.5-1.5b-instruct").download("int4").gguf == "qwen2.5-1.5b-instruct-q4_0.gguf"


def test_memory_to_run_shrinks_with_the_precision_and_keeps_what_is_not_weights():
    from runtime.catalogue import load_catalogue, run_memory_gb

    model = max(load_catalogue().models, key=lambda entry: entry.parameters)
    weights_fp32 = model.parameters * 4 / 1e9
    assert run_memory_gb(model, "fp32") == pytest.approx(max(model.ram_gb, weights_fp32))
    int8, int4 = run_memory_gb(model, "int8"), run_memory_gb(model, "int4")
    assert int4 < int8 < run_memory_gb(model, "fp16") < run_memory_gb(model, "fp32")
    assert int4 > model.parameters * 0.5 / 1e9  # never less than the 4-bit weights themselves
