import ArgumentParser

@main
struct Stance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Track where governments stand on pressure, dialogue, sanctions and restraint.",
        discussion: """
            Examples:
              stance track seeds                         ingest the seed articles and summarise by country
              stance ingest news/ feed.jsonl --db ns.sqlite
              stance export --format csv --country JPN --from 2017-01-01
              stance explain 000_c2941bbf795685c8:0      why a statement got its labels
              stance rules check && stance rules test    validate the rules and run their examples

            The database is --db PATH, else $STANCE_DB, else stance.sqlite in the current directory.
            Rules are built in; --rules DIR (or $STANCE_RULES) uses an analyst's copy of Rules/.
            """,
        subcommands: [
            TrackCommand.self, IngestCommand.self, ExportCommand.self, ExplainCommand.self, ReclassifyCommand.self,
            ActorsCommand.self, RulesCommand.self, ReportCommand.self, ActorCommand.self, CompareCommand.self,
            SearchCommand.self, DoctorCommand.self,
        ]
    )
}
