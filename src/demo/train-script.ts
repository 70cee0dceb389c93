// The training script the demo's runs name as their entry point (CodeLens and "open at commit" use it).
export const TRAIN_PY = `"""Fine-tune a multilingual encoder for NER on English, evaluate zero-shot on other languages."""
import argparse

import mlflow
from transformers import AutoModelForTokenClassification, Trainer, TrainingArguments

LANGUAGES = ["en", "de", "es", "nl", "zh"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=3e-5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model_name", default="xlm-roberta-base")
    args = parser.parse_args()

    mlflow.set_experiment("xner-sweep")
    with mlflow.start_run(run_name=f"xlmr-lr{args.learning_rate:.0e}-seed{args.seed}"):
        mlflow.log_params(vars(args))
        model = AutoModelForTokenClassification.from_pretrained(args.model_name, num_labels=9)
        training_args = TrainingArguments(
            output_dir=f"outputs/xlmr-lr{args.learning_rate:.0e}-seed{args.seed}",
            learning_rate=3e-5,
            num_train_epochs=20,
            per_device_train_batch_size=32,
            warmup_ratio=0.1,
            weight_decay=0.01,
            eval_strategy="epoch",
            save_strategy="epoch",
            seed=args.seed,
            load_best_model_at_end=True,
            metric_for_best_model="f1_en",
        )
        trainer = Trainer(model=model, args=training_args)
        trainer.train()
        for lang in LANGUAGES:
            metrics = trainer.evaluate(metric_key_prefix=f"eval_{lang}")
            mlflow.log_metric(f"f1_{lang}", metrics[f"eval_{lang}_f1"])


if __name__ == "__main__":
    main()
`;
