fn main() {
    std::process::exit(roadmap::main(std::env::args_os()));
}
