fn main() {
    std::process::exit(gridctl::run());
}
