"""Contract fixture for the Optuna reader.

Creates real studies with the installed Optuna in the SQLite file given as argv[1] and prints
Optuna's own answers (states, params, values, intermediate values, best trials) as JSON on
stdout. test/unit/optuna/contract.test.ts runs this and checks the TypeScript reader against it.
NaN and Infinity are printed as bare JSON tokens (json.dumps default), which the test parses.
"""

import json
import math
import sys
import warnings

import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)

STORAGE = "sqlite:///" + sys.argv[1]


class Boom(ValueError):
    pass


def pruned_objective(trial):
    """Single objective with trial.report so MedianPruner prunes some trials; some trials fail."""
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 6)
    opt = trial.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
    dropout = trial.suggest_float("dropout", 0.0, 0.5, step=0.1)
    trial.set_user_attr("note", "trial-%d" % trial.number)
    trial.set_user_attr("layers_sq", layers * layers)
    if trial.number in (3, 11):
        raise Boom("simulated crash")
    loss = 1.0
    for step in range(8):
        loss = abs(math.log10(lr) + 3) * 0.3 + dropout + 0.05 * layers + 1.0 / (step + 1) + (0.2 if opt == "sgd" else 0.0)
        trial.report(loss, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return loss


def cont_objective(trial):
    x = trial.suggest_float("x", -5, 5)
    y = trial.suggest_float("y", -5, 5)
    return (x - 1.5) ** 2 + (y + 0.5) ** 2


def mixed_objective(trial):
    flag = trial.suggest_categorical("flag", [True, False, None])
    k = trial.suggest_int("k", 2, 64, log=True)
    c = trial.suggest_categorical("c", [1, 2.5, "three"])
    return k * (2 if flag else 1) + (0.5 if c == "three" else 0.0)


def multi_objective(trial):
    x = trial.suggest_float("x", 0, 5)
    y = trial.suggest_float("y", 0, 3)
    return 4 * x * x + 4 * y * y, -((x - 5) ** 2 + (y - 5) ** 2)


def inf_objective(trial):
    mode = trial.suggest_categorical("mode", ["pos", "neg", "fin"])
    trial.report(float("nan"), 0)
    trial.report(float("inf"), 1)
    trial.report(float("-inf"), 2)
    trial.report(0.25, 3)
    if mode == "pos":
        return float("inf")
    if mode == "neg":
        return float("-inf")
    return 1.0


def set_metric_names(study, names):
    if hasattr(study, "set_metric_names"):
        study.set_metric_names(names)
    else:
        # what Optuna >= 3.4's Study.set_metric_names writes
        study._storage.set_study_system_attr(study._study_id, "study:metric_names", names)


def create(name, **kw):
    return optuna.create_study(storage=STORAGE, study_name=name, **kw)


samplers_used = []

s = create("tpe-pruned", direction="minimize", sampler=optuna.samplers.TPESampler(seed=1),
           pruner=optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2))
s.optimize(pruned_objective, n_trials=24, catch=(Boom,))
s.set_user_attr("owner", "contract-test")
samplers_used.append("TPESampler")

s = create("random-max", direction="maximize", sampler=optuna.samplers.RandomSampler(seed=2))
s.optimize(lambda t: -cont_objective(t), n_trials=15)
samplers_used.append("RandomSampler")

try:
    import cmaes  # noqa: F401

    s = create("cmaes", direction="minimize", sampler=optuna.samplers.CmaEsSampler(seed=3))
    s.optimize(cont_objective, n_trials=20)
    samplers_used.append("CmaEsSampler")
except ImportError:
    pass

s = create("mixed-categorical", direction="minimize", sampler=optuna.samplers.RandomSampler(seed=4))
s.optimize(mixed_objective, n_trials=12)
set_metric_names(s, ["cost"])

s = create("multi", directions=["minimize", "maximize"], sampler=optuna.samplers.NSGAIISampler(seed=5))
s.optimize(multi_objective, n_trials=30)
set_metric_names(s, ["energy", "margin"])

s = create("infinite", direction="maximize", sampler=optuna.samplers.RandomSampler(seed=6))
for mode in ["pos", "neg", "fin"]:
    s.enqueue_trial({"mode": mode})
s.optimize(inf_objective, n_trials=3)

s = create("waiting-running", direction="minimize")
s.enqueue_trial({"x": 0.5, "y": 0.5})  # stays WAITING
t = s.ask()  # takes the enqueued trial and stays RUNNING
t.report(0.75, 0)
s.enqueue_trial({"x": 1.0, "y": 1.0})


def frozen(trial):
    return {
        "number": trial.number,
        "trial_id": trial._trial_id,
        "state": trial.state.name,
        "params": trial.params,
        "values": trial.values,
        "intermediate": [[k, v] for k, v in sorted(trial.intermediate_values.items())],
        "user_attrs": trial.user_attrs,
        "datetime_start": trial.datetime_start.timestamp() * 1000 if trial.datetime_start else None,
        "datetime_complete": trial.datetime_complete.timestamp() * 1000 if trial.datetime_complete else None,
    }


out = {"optuna_version": optuna.__version__, "samplers": samplers_used, "studies": []}
for summary in optuna.get_all_study_summaries(STORAGE):
    study = optuna.load_study(study_name=summary.study_name, storage=STORAGE)
    entry = {
        "name": study.study_name,
        "directions": [d.name.lower() for d in study.directions],
        "trials": [frozen(t) for t in study.get_trials(deepcopy=False)],
        "user_attrs": study.user_attrs,
    }
    # Optuna 3.1's RDB best_trial sorts by the value column alone, where ±inf is NULL since v3.0,
    # so it disagrees with Python's comparison for infinite values. The in-memory copy answers with
    # Python's comparison; both are printed and the test says which one it follows.
    memory = optuna.storages.InMemoryStorage()
    optuna.copy_study(from_study_name=study.study_name, from_storage=STORAGE, to_storage=memory)
    in_memory = optuna.load_study(study_name=study.study_name, storage=memory)
    if len(study.directions) == 1:
        try:
            entry["best_number_rdb"] = study.best_trial.number
            entry["best_number"] = in_memory.best_trial.number
            entry["best_value"] = in_memory.best_value
        except ValueError:
            entry["best_number"] = None
    else:
        entry["best_numbers"] = sorted(t.number for t in in_memory.best_trials)
    out["studies"].append(entry)

print(json.dumps(out))
