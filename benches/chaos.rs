//! Chaos: K rounds with the simulator's faults on (5xx polls, throttled creates, cut downloads,
//! slow answers, create answers lost after the videos were made) plus SIGKILL at random moments
//! and resume; counts takes lost, submitted twice and corrupt (SHA-256 against the simulator),
//! and the wall-time overhead against the same batch with no faults and no kills.
//!
//!     cargo bench --bench chaos [-- --quick]

#[path = "../tests/it/kit/chaos.rs"]
mod chaos;
#[path = "../tests/it/kit/child.rs"]
mod child;

use chaos::{Round, round};

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (rounds, scenes, kills) = if quick { (2, 6, 2) } else { (8, 12, 3) };
    let bin = env!("CARGO_BIN_EXE_flowdeck");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let base = std::env::temp_dir().join(format!("flowdeck-bench-chaos-{}", uuid::Uuid::new_v4()));
    let calm = rt.block_on(round(
        bin,
        base.join("calm"),
        &Round {
            scenes,
            copies: 2,
            kills: 0,
            faults: false,
            seed: 1,
        },
    ));
    println!(
        "chaos: fault-free run of {} takes: {:.1} s",
        calm.takes,
        calm.wall.as_secs_f64()
    );
    let (mut lost, mut twice, mut corrupt, mut kills_done, mut wall) = (0, 0, 0, 0, 0.0);
    for k in 0..rounds {
        let o = rt.block_on(round(
            bin,
            base.join(format!("round{k}")),
            &Round {
                scenes,
                copies: 2,
                kills,
                faults: true,
                seed: 100 + k as u64,
            },
        ));
        println!(
            "chaos: round {k}: {} takes, {} done, lost {}, submitted twice {}, corrupt {}, {} kills, {} runs, {:.1} s, leftovers {}, violations {}, leaks {}",
            o.takes,
            o.done,
            o.lost,
            o.submitted_twice,
            o.corrupt,
            o.kills,
            o.resumes,
            o.wall.as_secs_f64(),
            o.leftovers,
            o.violations,
            o.leaks
        );
        lost += o.lost;
        twice += o.submitted_twice;
        corrupt += o.corrupt;
        kills_done += o.kills;
        wall += o.wall.as_secs_f64();
    }
    let mean = wall / rounds as f64;
    println!(
        "chaos: {rounds} rounds, {kills_done} SIGKILLs: takes lost {lost}, submitted twice {twice}, corrupt files {corrupt}; mean wall {mean:.1} s = {:.2}× the fault-free run",
        mean / calm.wall.as_secs_f64()
    );
    std::fs::remove_dir_all(base).ok();
}
