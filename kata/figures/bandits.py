"""Figures for the applied/bandits cheatsheet section."""

import numpy as np

from kata.figures import figure
from kata.loader import load_kata


@figure("applied/bandits", "bandit_regret.png")
def bandit_regret():
    """Mean cumulative pseudo-regret of the three policies (and uniform play) over 6 runs."""
    import matplotlib.pyplot as plt

    mod = load_kata("applied/bandits", "solutions")
    probs = np.array([0.2, 0.4, 0.5, 0.7])
    n_steps, n_runs = 4000, 6
    policies = {
        "epsilon-greedy (eps = 0.1)": lambda seed: mod.EpsilonGreedy(4, 0.1, random_state=seed),
        "UCB1": lambda seed: mod.UCB1(4),
        "Thompson sampling": lambda seed: mod.ThompsonSampling(4, random_state=seed),
    }
    steps = np.arange(1, n_steps + 1)
    top = 0.0
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for (name, make), colour in zip(
        policies.items(), ["tab:orange", "tab:blue", "tab:green"], strict=True
    ):
        curves = np.array(
            [
                mod.simulate(make(seed), probs, n_steps, random_state=1000 + seed)
                for seed in range(n_runs)
            ]
        )
        mean = curves.mean(axis=0)
        top = max(top, float(np.percentile(curves, 90, axis=0)[-1]))
        lo, hi = np.percentile(curves, [10, 90], axis=0)
        for ax in axes:
            ax.plot(steps, mean, color=colour, label=name)
            ax.fill_between(steps, lo, hi, color=colour, alpha=0.15, lw=0)
    uniform = steps * float(np.mean(probs.max() - probs))
    axes[0].plot(steps, uniform, "k--", lw=1, label="uniform random play")
    axes[0].set_ylim(0, 1.3 * top)
    axes[0].set_title("cumulative pseudo-regret (mean, 10-90% band)", fontsize=10)
    axes[1].set_xscale("log")
    axes[1].set_title("log-scale time: ln t growth (UCB1, Thompson) vs linear", fontsize=10)
    for ax in axes:
        ax.set_xlabel("step t")
        ax.set_ylabel("regret")
    axes[0].legend(fontsize=8, loc="upper left")
    fig.suptitle(f"Bernoulli arms p = {probs.tolist()}, {n_runs} runs", fontsize=10)
    fig.tight_layout()
    return fig
