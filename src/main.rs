/// Loading a grid makes many small allocations (the TOML tree, names,
/// ids); mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(gridctl::run());
}
