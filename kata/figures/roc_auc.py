"""Figure for metrics/roc_auc: ROC and precision-recall curves of three scores on breast_cancer."""

import matplotlib.pyplot as plt
import numpy as np

from kata.datasets import load_breast_cancer
from kata.figures import figure
from kata.loader import load_kata


@figure("metrics/roc_auc", "roc_auc_curves.png")
def roc_and_pr_curves():
    kata = load_kata("metrics/roc_auc", "solutions")
    data = load_breast_cancer()
    X, y = data.X, data.y  # 0 = malignant: the positive class here (pos_label=0)
    rng = np.random.default_rng(0)
    test = rng.permutation(len(y))[: len(y) // 2]
    train = np.setdiff1d(np.arange(len(y)), test)
    # A linear score fitted on the other half: standardize, then project on the difference
    # of the class means (a nearest-centroid direction), oriented towards malignant.
    mu, sd = X[train].mean(axis=0), X[train].std(axis=0)
    Z = (X - mu) / sd
    w = Z[train][y[train] == 0].mean(axis=0) - Z[train][y[train] == 1].mean(axis=0)
    names = list(data.feature_names)
    scores = {
        "mean texture": X[test, names.index("mean_texture")],
        "mean radius": X[test, names.index("mean_radius")],
        "linear score, 30 features": Z[test] @ w,
    }
    y_test = y[test]

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))
    ax1.plot([0, 1], [0, 1], color="grey", lw=0.8, ls="--", label="chance (AUC 0.5)")
    prevalence = np.mean(y_test == 0)
    ax2.axhline(prevalence, color="grey", lw=0.8, ls="--", label=f"chance (AP {prevalence:.2f})")
    for (label, score), color in zip(
        scores.items(), ["tab:orange", "tab:blue", "black"], strict=True
    ):
        fpr, tpr, _ = kata.roc_curve(y_test, score, pos_label=0)
        auc = kata.roc_auc_score(y_test, score, pos_label=0)
        ax1.plot(fpr, tpr, color=color, lw=1.3, label=f"{label} ({auc:.3f})")
        precision, recall, _ = kata.precision_recall_curve(y_test, score, pos_label=0)
        ap = kata.average_precision_score(y_test, score, pos_label=0)
        ax2.step(recall, precision, where="post", color=color, lw=1.3, label=f"{label} ({ap:.3f})")
    ax1.set(xlabel="false positive rate", ylabel="true positive rate (recall)")
    ax1.set_title("ROC curve (legend: AUC)", fontsize=10)
    ax2.set(xlabel="recall", ylabel="precision", ylim=(0, 1.03))
    ax2.set_title("Precision-recall curve (legend: AP)", fontsize=10)
    for ax in (ax1, ax2):
        ax.legend(fontsize=7, loc="lower right" if ax is ax1 else "lower left")
    fig.suptitle("Breast cancer, malignant = positive, held-out half", fontsize=10)
    fig.tight_layout()
    return fig
