//! Unit tests for the attribution rules, one sentence shape each, written for these tests (not corpus copies).
//! Long (over 600 lines) because every rule in `rules.rs` is held here by the sentences it reads and those it must not.

use super::{Lexicon, Statement, extract};
use crate::model::CitationKind;

fn lexicons() -> &'static [Lexicon] {
    static ALL: std::sync::OnceLock<Vec<Lexicon>> = std::sync::OnceLock::new();
    ALL.get_or_init(Lexicon::built_in)
}

fn attributed(text: &str) -> Vec<Statement> {
    extract(text, lexicons()).into_iter().filter(|s| s.kind != CitationKind::Unattributed).collect()
}

/// The statement whose source is `source` exactly and whose content holds `content`; panics listing what was found.
fn find(text: &str, source: &str, content: &str) -> Statement {
    let found = attributed(text);
    let listing: Vec<String> = found
        .iter()
        .map(|s| {
            format!(
                "{:?} / {:?} / {}",
                s.source.as_ref().map(|x| &x.text),
                s.cue.as_ref().map(|x| &x.text),
                s.content.text
            )
        })
        .collect();
    found
        .into_iter()
        .find(|s| s.source.as_ref().is_some_and(|x| x.text == source) && s.content.text.contains(content))
        .unwrap_or_else(|| panic!("no {source:?} saying {content:?} in {text:?}; found {listing:#?}"))
}

#[test]
fn a_speaker_after_a_quote_who_goes_on_to_report_starts_a_new_sentence() {
    let text = "The mayor spent the day on “roads and more roads.” Jones said the budget would not cover them.";
    let s = find(text, "Jones", "the budget would not cover them");
    assert!(!s.content.text.contains("roads"));
    // A speaker tagging the quote before still takes it.
    find("“We will fix the roads.” Jones said on Tuesday.", "Jones", "We will fix the roads");
    find("“We will fix the roads,” said the mayor.", "the mayor", "We will fix the roads");
}

#[test]
fn a_number_after_an_abbreviation_does_not_end_the_sentence() {
    let text = "Maria Lopez, the No. 2 official at the agency, said the review would end on Jan. 31 at the latest.";
    let s = find(text, "Maria Lopez, the No. 2 official at the agency", "the review would end");
    assert!(s.content.text.ends_with("at the latest"));
}

#[test]
fn page_furniture_words_in_reported_copy_do_not_make_it_a_footer() {
    let text = "In a post on its blog, the company said that abusive messages had always been against its terms of \
                service and that it would sign up more moderators.";
    find(text, "the company", "abusive messages had always been against");
    // A short footer line holding the same words is still furniture.
    assert!(extract("Read our terms of service. Sign up for our newsletter.", lexicons()).is_empty());
}

#[test]
fn a_source_named_with_a_prepositional_phrase_keeps_it() {
    find(
        "A spokeswoman for the hospital said the ward would reopen next month.",
        "A spokeswoman for the hospital",
        "the ward would reopen",
    );
    let s = find(
        "Some residents of the valley said the river had never flooded so early.",
        "Some residents of the valley",
        "the river had never flooded",
    );
    assert_ne!(s.kind, CitationKind::Named);
    find(
        "The ambassador to France told reporters that talks would resume.",
        "The ambassador to France",
        "talks would resume",
    );
    // A date after the subject is not part of who spoke.
    find("The minister in March said the tax would stay.", "The minister", "the tax would stay");
}

#[test]
fn a_verb_followed_only_by_when_or_where_reports_the_quote_before_it() {
    let text = "“The new rules are a step in the right direction,” Ana Ruiz, a deputy minister for trade, said on the same call.";
    let s = find(text, "Ana Ruiz, a deputy minister for trade", "a step in the right direction");
    assert!(!s.content.text.contains("call"));
    let text = "Nine of the eleven council members backed the plan, Ms. Ruiz said at the time.";
    find(text, "Ms. Ruiz", "Nine of the eleven council members backed the plan");
    // A lead-in clause before the source is not what was said.
    let text = "Early on Friday, as the parade went by, the station reported six planes flew over the route.";
    find(text, "the station", "six planes flew over the route");
}

#[test]
fn after_a_quoted_phrase_a_verb_opening_a_clause_reports_that_clause() {
    let text = "Walking in to chants of “Go, Ana!,” the senator said her campaign was closing strong.";
    find(text, "the senator", "her campaign was closing strong");
    // Still the quote when only a time follows.
    find("“We are closing strong,” the senator said this week.", "the senator", "We are closing strong");
}

#[test]
fn a_participle_after_a_preposition_reports_for_the_subject() {
    let text = "The governor drew criticism after saying in a radio interview that the bridge was safe.";
    find(text, "The governor", "the bridge was safe");
    let text = "The candidate avoided hard questions by saying the moderators had their facts wrong.";
    find(text, "The candidate", "the moderators had their facts wrong");
}

#[test]
fn a_second_verb_after_but_reports_for_the_same_subject() {
    let text = "Okafor did not name his rivals but told the crowd, “We need a plan, not insults.”";
    find(text, "Okafor", "We need a plan, not insults");
}

#[test]
fn a_verb_with_only_whom_it_told_reports_what_came_before() {
    let text = "The union will likely sit out the election altogether, its president Dana Cole told The Tribune.";
    find(text, "its president Dana Cole", "The union will likely sit out the election");
}

#[test]
fn reported_content_stops_at_a_clause_of_the_writers_own() {
    let s = find("The mayor said that the bridge would reopen in May.", "The mayor", "the bridge would reopen");
    assert_eq!(s.content.text, "that the bridge would reopen in May");
    let s = find(
        "Parents said they back the new timetable, but they would not campaign for it.",
        "Parents",
        "they back the new timetable",
    );
    assert_eq!(s.content.text, "they back the new timetable");
}

#[test]
fn references_topics_hopes_and_fears_are_attributions() {
    find("“It was a mistake,” she said, referring to the 2019 budget.", "she", "the 2019 budget");
    find("The senator has railed against the pipeline deal for months.", "The senator", "the pipeline deal");
    find("Farmers fear that the drought will last into spring.", "Farmers", "the drought will last");
    // "hope" and "thought" report only with a clause: "hope for rain" is not a statement.
    assert!(attributed("We hope for rain. They thought about it.").is_empty());
}

#[test]
fn a_manner_adverb_between_subject_and_verb_belongs_to_the_cue() {
    let s = find("Mayor Diaz emphatically denied that the city had lost the files.", "Mayor Diaz", "the city had lost");
    assert_eq!(s.cue.unwrap().text, "emphatically denied");
    let s = find("The ministry has vigorously denied any role in the leak.", "The ministry", "any role in the leak");
    assert_eq!(s.cue.unwrap().text, "has vigorously denied");
    find("Warren appeared on the late show and officially endorsed the tax plan.", "Warren", "the tax plan");
}

#[test]
fn a_day_or_a_year_before_the_verb_is_not_the_source() {
    let text = "Kofi Mensah, the party's treasurer, on Tuesday called the audit “a formality.”";
    find(text, "Kofi Mensah, the party's treasurer", "the audit");
    let text = "An executive at the foundation in 2009 sought to introduce a donor to the ambassador.";
    find(text, "An executive at the foundation", "to introduce a donor");
    assert!(
        attributed("The rules changed after the vote in 2013 alleging fraud.")
            .iter()
            .all(|s| { s.source.as_ref().is_none_or(|x| x.text != "2013") })
    );
}

#[test]
fn a_poll_or_a_record_shows_without_that() {
    find(
        "The latest county poll shows the mayor trailing by six points.",
        "The latest county poll",
        "the mayor trailing",
    );
    find(
        "Campaign finance records show the senator raised $2 million in May.",
        "Campaign finance records",
        "the senator raised",
    );
    // A person who "shows" something is not reporting it.
    assert!(attributed("The mayor shows the visitors around the harbour.").is_empty());
}

#[test]
fn here_and_a_span_of_time_between_subject_and_verb_are_not_the_source() {
    find("Her volunteers here said they had knocked on every door.", "Her volunteers", "they had knocked");
    let text = "The agency less than two weeks ago said that the files had been moved.";
    find(text, "The agency", "the files had been moved");
}

#[test]
fn a_label_before_a_colon_is_not_a_speaker() {
    assert!(attributed("Correction: An earlier version of this story misstated the date of the vote.").is_empty());
    assert!(attributed("Delegate Update: The latest count in the race for the nomination.").is_empty());
    find("Okafor: “We will not raise taxes this year.”", "Okafor", "We will not raise taxes");
}

#[test]
fn seeing_or_regarding_someone_as_something_is_an_opinion_reported() {
    find("Many farmers see the new tariff as a betrayal.", "Many farmers", "the new tariff as a betrayal");
    find("The governor regards the strike as illegal.", "The governor", "the strike as illegal");
    // Perception is not opinion: "see if", "saw the ball".
    assert!(attributed("We will see if the plan works. She saw the ball in the garden.").is_empty());
}

#[test]
fn every_form_of_a_stance_verb_reports() {
    let text = "The union issued a statement on Monday, denouncing the pay freeze as unfair.";
    find(text, "The union", "the pay freeze as unfair");
    find("The council rejects the developer's claim of hardship.", "The council", "the developer's claim");
}

#[test]
fn an_infinitive_of_the_subjects_reports_for_it() {
    let text = "Rural voters were more likely to say that the economy was getting worse.";
    find(text, "Rural voters", "the economy was getting worse");
    find("Okafor interjected to say: “That is simply not true.”", "Okafor", "That is simply not true");
    assert!(attributed("It is hard to say whether the plan will work.").is_empty());
}

#[test]
fn mentioning_or_explaining_something_reports_it() {
    find("The minister mentioned the new port in her speech.", "The minister", "the new port");
    find("Okafor explained his vote against the budget.", "Okafor", "his vote against the budget");
    // "which could explain the shift" gives a cause, not a report.
    assert!(attributed("Prices rose sharply, which could explain the shift in voting.").is_empty());
}

#[test]
fn a_source_stops_before_a_verb_of_its_own() {
    find(
        "Okafor sent a letter to the council, asking it to reconsider the closure.",
        "Okafor",
        "to reconsider the closure",
    );
    // A relative clause keeps its verb: it says who the source is.
    find(
        "Sen. Ana Ruiz, who faces a tough race, said she would vote no.",
        "Sen. Ana Ruiz, who faces a tough race",
        "she would vote no",
    );
}

#[test]
fn a_passive_with_its_agent_reports_for_the_agent() {
    let text = "Ruiz was asked by the moderator whether she would raise taxes.";
    find(text, "the moderator", "she would raise taxes");
    find(
        "Ms. Ruiz has been endorsed by the National Education Association.",
        "the National Education Association",
        "Ms. Ruiz",
    );
    // A passive without its agent names no one.
    assert!(attributed("The plan was criticized.").is_empty());
}

#[test]
fn a_speaker_after_the_verb_may_open_with_a_description() {
    let text = "“The rules are wrong,” said 9/11 widow Ana Ruiz.";
    find(text, "9/11 widow Ana Ruiz", "The rules are wrong");
    let text = "“Using the tax is a misguided approach,” said Mr. Burman (a view shared by other economists).";
    find(text, "Mr. Burman", "a misguided approach");
}

#[test]
fn people_named_inside_a_quote_are_the_speakers_words_but_unnamed_sources_are_reported() {
    let text = "“My grandfather said the mill would never close, and people say it could still reopen,” Ruiz said.";
    let found = attributed(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    find(text, "Ruiz", "the mill would never close");
    // The speaker's own sourcing stays: "many sources claim" inside the quote is a report from unnamed sources.
    let text = "“The bridge is old, and many sources claim it is unsafe,” the mayor said on Monday.";
    find(text, "the mayor", "it is unsafe");
    find(text, "many sources", "it is unsafe");
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_quotation_below_it() {
    let text = "The council met again on Friday. Its chair, Dana Whitlock, said:\n\n“We cannot keep patching roads \
                that need rebuilding.”\n\nThe vote is next week.";
    find(text, "Its chair, Dana Whitlock", "cannot keep patching roads");
    let text = "Whitlock:\n\n“We cannot keep patching roads that need rebuilding.”";
    find(text, "Whitlock", "cannot keep patching roads");
    // A colon before a list is no introduction of a quotation.
    let text = "The council approved three projects:\n\nroads, bridges and schools.";
    assert!(attributed(text).is_empty());
}

#[test]
fn any_reporting_verb_in_a_title_case_headline_reports() {
    let text = "Harbor Mayor Praises New Ferry Schedule As A Fix For Commuters\n\nThe city changed the timetable.";
    find(text, "Harbor Mayor", "New Ferry Schedule");
}

#[test]
fn a_participle_after_a_comma_inside_a_closing_mark_reports_for_the_subject() {
    let text = "Okafor called the tender “a closed shop,” adding that two bidders had withdrawn in protest.";
    let s = find(text, "Okafor", "two bidders had withdrawn");
    assert_eq!(s.cue.map(|c| c.text).as_deref(), Some("adding"));
}

#[test]
fn criticism_praise_and_ways_of_putting_things_report() {
    find("The senator lambasted the harbour budget as reckless.", "The senator", "the harbour budget");
    find("Garcia voiced doubts that the ferry would ever run on time.", "Garcia", "the ferry would ever run");
    find("The union chief laid out her case for a shorter week.", "The union chief", "her case for a shorter week");
}

#[test]
fn a_noun_cue_with_a_possessive_reports_what_follows_it() {
    find("Mayor Okafor's claim that the pier was safe drew a rebuke.", "Mayor Okafor's", "the pier was safe");
    find("Residents ignored her warning that the dam could fail.", "her", "the dam could fail");
    find("The board backed his call for a new ferry terminal.", "his", "a new ferry terminal");
    // Without whose it is, the noun is just a noun.
    assert!(attributed("The claim that the pier was safe drew a rebuke.").is_empty());
}

#[test]
fn a_one_word_quote_or_what_a_say_verb_reports_is_content_enough() {
    find("The ferry is late again. “Shameful,” the mayor said.", "the mayor", "Shameful");
    find("The ferry is late again, and the mayor said so.", "the mayor", "so");
    // A stance verb with a one-word object is still too little to report.
    assert!(attributed("The mayor opposed it.").is_empty());
    // A preposition cut short by what follows is no content.
    let text = "The mayor, who had toured the pier, said on the MSNBC show that the ferry would run.";
    assert!(attributed(text).iter().all(|s| s.content.text != "on"), "{:#?}", attributed(text));
}

#[test]
fn a_bare_plural_with_a_modifier_after_a_comma_is_a_source() {
    find("The bridge was unsafe, federal engineers wrote in a filing.", "federal engineers", "The bridge was unsafe");
    find("The tolls will rise, transit planners say.", "transit planners", "The tolls will rise");
}

#[test]
fn a_verb_of_knowing_or_hoping_reports_a_clause_without_that() {
    find("The auditor found he had been paid twice.", "The auditor", "he had been paid twice");
    let s = find(
        "American officials hope the new sensors can detect tunnels under the border.",
        "American officials",
        "the new sensors can detect tunnels",
    );
    assert_eq!(s.cue.unwrap().text, "hope");
    find(
        "Many voters fear the new rules will keep them from the polls.",
        "Many voters",
        "the new rules will keep them",
    );
    // No clause follows: a feeling, an object, a possessive object.
    assert!(attributed("The players feel terrible after the loss.").is_empty());
    assert!(attributed("The coach knew the answer.").is_empty());
    assert!(attributed("The landlord charged his tenants for repairs that were never made.").is_empty());
}

#[test]
fn a_short_paragraph_of_reporting_that_names_page_furniture_is_copy() {
    let s = find("The city attorney said the advertisement misleads voters.", "The city attorney", "misleads voters");
    assert_eq!(s.content.text, "the advertisement misleads voters");
    find("The magazine said its cookie poll has picked the winner five times.", "The magazine", "cookie poll");
    // Furniture that opens the line is still furniture, whatever follows.
    assert!(extract("Advertisement\nRead more: the mayor says the bridge will open.", lexicons()).is_empty());
}

#[test]
fn a_quotation_tagged_with_a_dash_and_a_name_is_the_name_s() {
    let text = "Readers wrote in.\n“We will rebuild the bridge before winter. Nobody will be left behind.” — Maria Lopez, \
                mayor\n“The water is rising faster than last year.”― Tom Reed (@tomreed)\n";
    let s = find(text, "Maria Lopez, mayor", "Nobody will be left behind");
    assert_eq!(s.cue.unwrap().text, "—");
    assert!(s.content.text.starts_with("“We will rebuild"));
    find(text, "Tom Reed (@tomreed)", "The water is rising");
    // The quotation's sentences are reported once, with their speaker, not again as the paper's own.
    assert_eq!(extract(text, lexicons()).iter().filter(|s| s.content.text.contains("Nobody")).count(), 1);
    // A dash inside running text tags nothing.
    assert!(attributed("The bridge — the town’s only crossing — will close.").is_empty());
}

#[test]
fn a_verb_that_reports_nothing_does_not_cut_the_quote_of_the_next() {
    let s = find("He could not find a single buyer, he said, on condition of anonymity.", "he", "find a single buyer");
    assert_eq!(s.content.text, "He could not find a single buyer");
    // Its subject still stands for a second verb: "agreed, but also contended that …".
    find(
        "His ex-wife agreed, but also contended that the files should stay sealed.",
        "His ex-wife",
        "the files should stay sealed",
    );
}

#[test]
fn a_clause_before_a_name_and_its_apposition_is_what_was_said() {
    let text =
        "The repairs are a step in the right direction, Anne Richards, the city engineer, said on the same call.";
    let s = find(text, "Anne Richards", "The repairs are a step");
    assert_eq!(s.content.text, "The repairs are a step in the right direction");
}

#[test]
fn a_second_verb_of_the_subject_reports_past_a_long_lead_in_a_dash_or_a_contraction() {
    let text =
        "In an interview with the Daily Herald on Monday, Reyes toured the port and said the cranes were unsafe.";
    find(text, "Reyes", "the cranes were unsafe");
    find(
        "Reyes changed her mind on the spot – saying she would back the port deal.",
        "Reyes",
        "she would back the port",
    );
    find("He’s touring the port this week and says the cranes are unsafe.", "He’s", "the cranes are unsafe");
}

#[test]
fn a_long_subject_with_its_modifiers_is_the_source_of_a_verb_of_saying() {
    find(
        "People briefed on the plan said that the port would reopen in May.",
        "People briefed on the plan",
        "the port would reopen in May",
    );
    find(
        "Several dockers I have spoken with over the past month said the port had gone quiet.",
        "Several dockers I have spoken with over the past month",
        "the port had gone quiet",
    );
    // A clause of its own before the verb is no subject.
    assert!(attributed("Because the port closed early the day was quiet and nobody said much.").is_empty());
}

#[test]
fn whom_a_question_was_put_to_after_a_quote_does_not_open_a_report() {
    let s = find("“Why is the ferry late again?” Okafor asked harbour officials.", "Okafor", "Why is the ferry late");
    assert_eq!(s.cue.unwrap().text, "asked");
}

#[test]
fn who_was_told_may_be_a_pronoun_a_bracket_or_a_quoted_title() {
    find("Reyes told me her crew had not been paid.", "Reyes", "her crew had not been paid");
    find(
        "The harbour master told the Coast Guard (USCG), “The channel is blocked.”",
        "The harbour master",
        "The channel is blocked",
    );
    let s = find(
        "Reyes tells WXYZ’s “Morning Harbour” on Friday that “whoever cut the cable” is still unknown.",
        "Reyes",
        "is still unknown",
    );
    assert!(s.content.text.starts_with("that “whoever cut the cable”"));
}

#[test]
fn what_a_sign_or_a_message_reads_is_reported() {
    find("“Save our ferry,” read one banner.", "one banner", "Save our ferry");
    find("“We can still win this,” the email read.", "the email", "We can still win");
    // Reading something out or through is no report.
    assert!(attributed("The judge read her decision aloud.").is_empty());
}

#[test]
fn a_participle_after_a_relative_clause_reports_for_the_sentence_s_subject() {
    let text = "The mayor defended the architect who said the pier was sound, saying the town had no other bid.";
    find(text, "The mayor", "the town had no other bid");
    find(text, "who", "the pier was sound");
}

#[test]
fn a_noun_after_a_possessive_is_a_noun_cue_not_a_verb() {
    let s = find("Her call for a recount was rejected.", "Her", "a recount");
    assert_eq!(s.content.text, "a recount");
    find(
        "The governor’s insistence that the pier stay open angered the council.",
        "The governor’s",
        "the pier stay open",
    );
    find("His criticism of Mr. Okafor was sharp.", "His", "Mr. Okafor");
    // A time after the preposition says when, not what.
    assert!(attributed("Her criticism on Tuesday was sharp.").is_empty());
}

#[test]
fn a_phrase_a_preposition_opens_may_sit_between_the_verb_and_that() {
    let s = find("Okafor said in her opening remarks that the pier would reopen.", "Okafor", "the pier would reopen");
    assert_eq!(s.content.text, "that the pier would reopen");
    let s = find("Okafor has argued for years that the pier is unsafe.", "Okafor", "the pier is unsafe");
    assert_eq!(s.content.text, "that the pier is unsafe");
    let s = attributed("It was announced on Tuesday that the pier would close.");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].content.text, "that the pier would close");
    assert_eq!(s[0].kind, CitationKind::Vague);
}

#[test]
fn an_aside_a_preposition_opens_is_not_part_of_the_source() {
    find("Okafor, in a statement, blamed the union for the delay.", "Okafor", "the union");
}

#[test]
fn a_long_subject_may_hold_a_list_a_document_may_head_a_phrase_and_it_may_open_a_clause() {
    find(
        "Harbour pilots in Ashford and around the coast say Okafor deserves a second term.",
        "Harbour pilots in Ashford and around the coast",
        "Okafor deserves a second term",
    );
    find(
        "Footage of the crossing shows him with his hands raised.",
        "Footage of the crossing",
        "him with his hands raised",
    );
    find("The mayor cut the budget, but analysts agreed it was still too small.", "analysts", "it was still too small");
}

#[test]
fn a_single_quote_closing_inside_a_double_one_in_apostrophes_ends_both() {
    let text = "''We were told the pier was 'perfectly safe,''' Okafor said.";
    let s = find(text, "Okafor", "perfectly safe");
    assert_eq!(s.content.text, "''We were told the pier was 'perfectly safe,'''");
}

#[test]
fn according_to_set_off_by_commas_mid_sentence_reports_the_longer_side() {
    let s = find(
        "In addition, according to the port authority, nearly nine hundred ships were turned away.",
        "the port authority",
        "nearly nine hundred ships",
    );
    assert!(!s.content.text.contains("In addition"));
}

#[test]
fn expecting_and_thinking_report_a_clause_or_an_infinitive() {
    find("Analysts expect the port to reopen within a month.", "Analysts", "the port to reopen");
    find("Dockers thought this winter would be different.", "Dockers", "this winter would be different");
    find("Okafor thought some of the “Save Our Pier” campaign was badly run.", "Okafor", "campaign was badly run");
}

#[test]
fn a_document_heading_a_long_phrase_reports_what_follows_it() {
    find(
        "A 2019 study by harbour engineers at the state university found 31 cracks in the pier.",
        "A 2019 study by harbour engineers at the state university",
        "31 cracks in the pier",
    );
    find(
        "The average of polls taken over the past two weeks shows Okafor leading by four points.",
        "The average of polls taken over the past two weeks",
        "Okafor leading by four points",
    );
}

#[test]
fn a_lead_in_a_preposition_opens_before_a_set_off_tag_is_not_what_was_said() {
    let text = "During her years in office, Okafor said, the harbour has doubled its traffic and halved its debt.";
    let s = find(text, "Okafor", "the harbour has doubled");
    assert!(!s.content.text.contains("During"));
}

#[test]
fn a_headline_speaker_may_say_whom_or_where_and_follow_a_label() {
    let text = "Okafor to harbour board: the pier will reopen in May\n\nThe board met on Monday.\n";
    let s = find(text, "Okafor", "the pier will reopen");
    assert_eq!(s.cue.unwrap().text, ":");
    find("EXCLUSIVE – Dana Reyes: Ferry Fares Must Come Down\n", "Dana Reyes", "Ferry Fares Must Come Down");
}

#[test]
fn a_clause_then_a_description_and_a_name_set_off_by_commas_before_the_verb() {
    let text = "The ferry keeps running through the winter, her chief of staff, Tad Moreno, said.";
    let s = find(text, "her chief of staff, Tad Moreno", "The ferry keeps running");
    assert_eq!(s.content.text, "The ferry keeps running through the winter");
    // A name and its apposition opening the sentence are still its subject.
    find(
        "Sandra Inman, a pilot from Ashford, said she would vote.",
        "Sandra Inman, a pilot from Ashford",
        "she would vote",
    );
}

#[test]
fn multi_byte_characters_after_quote_marks_or_before_a_possessive_do_not_panic() {
    // "‟" (U+201F) is three bytes long; the mark after it was once looked for one byte in.
    // Nor does a one-character word with a possessive open a sentence before "and says" ("中’s …").
    for text in ["x‟ó", "{‟󓰵Q", "‟", "a ‟b‟ c", "中’s plan stalled and says it will wait.", "I’s and says"]
    {
        for s in extract(text, lexicons()) {
            assert!(s.content.end <= text.chars().count(), "{text:?}");
        }
    }
}

#[test]
fn a_bare_plural_after_a_conjunction_is_the_source_of_a_verb_of_saying() {
    find("But harbour specialists say the pier is unsafe.", "harbour specialists", "the pier is unsafe");
    find(
        "The mayor is confident, while harbour engineers say the pier is unsafe.",
        "harbour engineers",
        "the pier is unsafe",
    );
}

#[test]
fn a_stance_adjective_before_that_reports_the_clause() {
    let s = find(
        "Dockers were frustrated that the port released only part of the footage.",
        "Dockers",
        "the port released only part of the footage",
    );
    assert_eq!(s.cue.unwrap().text, "were frustrated");
    find(
        "The minister is increasingly confident that the talks will succeed.",
        "The minister",
        "the talks will succeed",
    );
    // Without "that" it is a feeling, not a report; "clear" is no stance of anyone's.
    assert!(attributed("Dockers were frustrated by the delay.").is_empty());
    assert!(attributed("It is clear that the plan failed.").is_empty());
}

#[test]
fn making_it_clear_reports_what_follows() {
    let s = find("Okafor has made it clear she will not resign.", "Okafor", "she will not resign");
    assert_eq!(s.cue.unwrap().text, "has made it clear");
    assert!(attributed("The port made clear progress this year.").is_empty());
}

#[test]
fn a_stance_adjective_may_follow_a_linking_verb() {
    let s = find("The mayor remains convinced that the pier is safe.", "The mayor", "the pier is safe");
    assert_eq!(s.cue.unwrap().text, "remains convinced");
    find("Okafor seemed confident that the vote would pass.", "Okafor", "the vote would pass");
}

#[test]
fn the_word_that_opens_reported_speech_is_part_of_the_content() {
    let s = find("The harbour master said that the channel would reopen.", "The harbour master", "the channel");
    assert_eq!(s.content.text, "that the channel would reopen");
    let s = find("Okafor asked whether the ferry would run.", "Okafor", "the ferry would run");
    assert_eq!(s.content.text, "whether the ferry would run");
    // Without one, the content starts with what was said.
    let s = find("The harbour master said the channel would reopen.", "The harbour master", "the channel");
    assert_eq!(s.content.text, "the channel would reopen");
}

#[test]
fn typewriter_dashes_set_off_an_aside_after_the_attribution() {
    let s = find(
        "Ferry traffic will fall this year, the port authority reported on Friday -- a change that worries \
         the island's shops.",
        "the port authority",
        "Ferry traffic will fall",
    );
    assert!(!s.content.text.contains("worries"));
    let s = find(
        "Ferry traffic will fall this year, the port authority reported on Friday - a change that worries shops.",
        "the port authority",
        "Ferry traffic will fall",
    );
    assert!(!s.content.text.contains("worries"));
}

#[test]
fn page_furniture_words_do_not_hide_a_report_set_off_by_commas() {
    // "sign up" is footer wording; a source set off by commas still reports.
    find(
        "Maria Lopez, the club's treasurer, said the club has had more than 200 members sign up since May.",
        "Maria Lopez, the club's treasurer",
        "the club has had more than 200 members sign up",
    );
}

#[test]
fn whom_a_speaker_told_and_where_end_the_attribution() {
    let s = find("The harbour was never safe, she told the court in her filing.", "she", "The harbour was never safe");
    assert_eq!(s.content.text, "The harbour was never safe");
    find("The harbour was never safe, she told a local radio station.", "she", "The harbour was never safe");
}

#[test]
fn a_demonstrative_opens_a_source_but_a_time_is_none() {
    find("“The pier will close,” this source told the Gazette.", "this source", "The pier will close");
    find("The pier will close, these officials said.", "these officials", "The pier will close");
    assert!(
        attributed("This week the council announced the pier would close.")
            .iter()
            .all(|s| s.source.as_ref().is_none_or(|x| x.text != "This week the council"))
    );
}

#[test]
fn a_verb_that_opens_the_next_quotation_starts_a_new_sentence() {
    let text = "He praised the crew as “the best in the fleet.” He adds, “Nobody works harder.”";
    let s = find(text, "He", "Nobody works harder");
    assert_eq!(s.cue.unwrap().text, "adds");
}

#[test]
fn what_as_attributes_lies_before_it() {
    let s = find("The budget is too small, as Okafor said last week.", "Okafor", "The budget is too small");
    assert_eq!(s.content.text, "The budget is too small");
    find(
        "The fact that the race “is wide open,” as Okafor said on Monday, makes every vote count.",
        "Okafor",
        "is wide open",
    );
    // A short lead-in before "as" is not what was said.
    let s = find("Of course, as Okafor observed, the budget is too small.", "Okafor", "the budget is too small");
    assert!(!s.content.text.contains("Of course"));
}

#[test]
fn a_participle_after_the_verb_says_what_the_speaker_did() {
    let s = find("Sales were slow, he said, wiping the counter.", "he", "Sales were slow");
    assert_eq!(s.content.text, "Sales were slow");
    // "Weighing in", "Asked about it": a participle opening the sentence is not what was said.
    let found = attributed("Weighing in on the dispute, the mayor agreed, praising the crew as “tireless.”");
    assert!(found.iter().all(|s| !s.content.text.starts_with("Weighing")), "{found:?}");
}

#[test]
fn where_or_when_alone_is_no_content() {
    assert!(attributed("Okafor reported from Lagos.").is_empty());
    assert!(attributed("Jones contributed reporting from Dakar.").is_empty());
}

#[test]
fn a_subordinate_clause_inside_the_content_keeps_its_own_verbs() {
    let s = find("Okafor said that while he fears another storm, the pier will hold.", "Okafor", "the pier will hold");
    assert!(s.content.text.starts_with("that while he fears"));
    assert!(
        attributed("Okafor said that while he fears another storm, the pier will hold.")
            .iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.text != "fears"))
    );
}

#[test]
fn an_apposition_may_hold_a_relative_clause_or_sit_between_dashes() {
    find(
        "Gov. Ada Okafor of Lagos, a reformer who has refused to back the plan, said the port deserved better.",
        "Gov. Ada Okafor of Lagos, a reformer who has refused to back the plan",
        "the port deserved better",
    );
    find(
        "A former harbour master -- Ken Lowe, who retired in 2010 -- said the channel was never dredged.",
        "A former harbour master -- Ken Lowe, who retired in 2010",
        "the channel was never dredged",
    );
    // A clause with a verb of its own before an inverted verb is what was said, not an apposition.
    find(
        "In the shipping world, it is highly unusual for a port to close, said Ken Lowe, a former harbour master.",
        "Ken Lowe, a former harbour master",
        "it is highly unusual for a port to close",
    );
}

#[test]
fn a_lead_in_phrase_is_not_part_of_the_subject() {
    find(
        "In a statement, one of the club's lawyers, Ann Cole, said the footage shows no foul.",
        "one of the club's lawyers, Ann Cole",
        "the footage shows no foul",
    );
    find(
        "At a rally in Ames, Iowa, on Sunday, Mrs. Okafor spoke for an hour, saying that the port should reopen.",
        "Mrs. Okafor",
        "the port should reopen",
    );
}

#[test]
fn those_surveyed_are_a_vague_source() {
    let s = find("Those surveyed said the ferry should run all night.", "Those surveyed", "the ferry should run");
    assert_eq!(s.kind, CitationKind::Vague);
}

#[test]
fn whom_a_speaker_told_may_be_a_name_before_the_clause() {
    find("Okafor told CNN his plan would cut fares.", "Okafor", "his plan would cut fares");
    find("Instead, Okafor told CNN, his plan would cut fares.", "Okafor", "his plan would cut fares");
}

#[test]
fn two_names_joined_by_and_are_one_source() {
    find("Fares will rise, he and Mr. Lowe said.", "he and Mr. Lowe", "Fares will rise");
    find("Okafor and Lowe said the fares would rise.", "Okafor and Lowe", "the fares would rise");
    // A clause of its own before "and" is not part of the source.
    find("The board met and Lowe said the fares would rise.", "Lowe", "the fares would rise");
}

#[test]
fn verbs_that_also_name_a_change_or_an_act_report_only_in_their_reporting_use() {
    assert!(attributed("Ridership declined in almost every port.").is_empty());
    assert!(attributed("Okafor beat Lowe and went on to win the seat easily.").is_empty());
    assert!(attributed("The mayor won the county, adding to her lead in the north.").is_empty());
    find("The harbour master declined to comment.", "The harbour master", "to comment");
    find("Okafor declined an interview request.", "Okafor", "an interview request");
    find("Okafor went on to say the fares would rise.", "Okafor", "the fares would rise");
}

#[test]
fn a_participle_lead_in_before_a_quote_after_the_verb_is_no_content() {
    let s = find("Asked about the fares in the debate, Okafor said, “They will fall.”", "Okafor", "They will fall");
    assert!(!s.content.text.contains("Asked"));
}

#[test]
fn a_dateline_is_not_part_of_the_sentence() {
    find(
        "LAGOS, Nigeria (AP) — Ada Okafor, the port's director, said Tuesday that the channel would reopen.",
        "Ada Okafor, the port's director",
        "the channel would reopen",
    );
    find(
        "DAKAR (Reuters) - The mayor met dockers on Monday and said the port would stay open.",
        "The mayor",
        "the port would stay open",
    );
}

#[test]
fn a_speaker_and_a_colon_may_follow_a_dash_or_touch_the_quote() {
    find(
        "Ferry polls were early - Ken Lowe: “The counts kept moving after the last survey.”",
        "Ken Lowe",
        "The counts kept moving",
    );
    find("Harbour master Ken Lowe:\"The channel is closed.\"", "Harbour master Ken Lowe", "The channel is closed");
}

#[test]
fn a_description_after_an_inverted_source_is_part_of_it() {
    find(
        "“The port will reopen,” said Ken Lowe, a former harbour master from Dover.",
        "Ken Lowe, a former harbour master from Dover",
        "The port will reopen",
    );
    find("“We lost,” said Ann Cole, who ran the campaign.", "Ann Cole, who ran the campaign", "We lost");
    // Up to a participle that reports on its own.
    find(
        "“We lost,” said Ann Cole, the campaign's spokeswoman, adding that the count was fair.",
        "Ann Cole, the campaign's spokeswoman",
        "We lost",
    );
}

#[test]
fn a_count_in_a_group_is_part_of_the_source() {
    find(
        "About four in 10 ferry passengers said the fares were too high.",
        "About four in 10 ferry passengers",
        "the fares were too high",
    );
}

#[test]
fn an_attribution_closing_the_sentence_reports_the_clause_before_it() {
    let s =
        find("Dockers believe the port will close, the union leader said.", "the union leader", "the port will close");
    assert_eq!(s.content.text, "Dockers believe the port will close");
    assert!(
        attributed("Dockers believe the port will close, the union leader said.")
            .iter()
            .all(|s| s.cue.as_ref().is_none_or(|c| c.text != "believe"))
    );
    // A report of its own inside the clause keeps its place.
    let text = "Other captains said they back the plan, but they would not sail, they said.";
    find(text, "Other captains", "they back the plan");
}

#[test]
fn a_determined_source_after_a_comma_and_a_conjunction_opens_its_own_clause() {
    find(
        "The ferry left port early, and the harbour authorities said it had been overloaded.",
        "the harbour authorities",
        "it had been overloaded",
    );
    find(
        "The bridge stayed shut, but the engineers said repairs were on schedule.",
        "the engineers",
        "repairs were on schedule",
    );
}

#[test]
fn called_after_an_indefinite_thing_names_it_rather_than_reports() {
    let text = "The council hired a consultancy called Bright Harbour, which drew up the plan.";
    assert!(attributed(text).iter().all(|s| s.cue.as_ref().is_none_or(|c| c.text != "called")));
    let text = "Fans joined one club named “Red Tide” last year.";
    assert!(attributed(text).iter().all(|s| s.cue.as_ref().is_none_or(|c| c.text != "named")));
    // A person, or a definite subject, calling something still reports.
    find("A spokesman for the port called Jones “reckless.”", "A spokesman for the port", "reckless");
    find("The union called the plan “reckless.”", "The union", "reckless");
}

#[test]
fn a_party_tag_before_the_verb_keeps_a_paragraph_naming_page_furniture_in_the_copy() {
    // "sponsored" marks page furniture, but a verb of saying after "(D-Pa.)" makes this paragraph copy.
    find(
        "“The port must stay open,” Sen. Jo Hale (D-Pa.) said at the forum, which the dockers sponsored.",
        "Sen. Jo Hale (D-Pa.)",
        "The port must stay open",
    );
}

#[test]
fn a_participle_phrase_before_a_tag_is_what_was_said_when_a_bare_verb_follows_the_tag() {
    find(
        "Sailing alone at night, the harbour pilots said, can be risky.",
        "the harbour pilots",
        "Sailing alone at night",
    );
    find("Rebuilding the pier so soon, he said, feels like a gamble.", "he", "Rebuilding the pier so soon");
    // A lead-in saying what the speaker was doing is still no content.
    let text = "Speaking at the pier, the mayor said, frankly, nothing.";
    assert!(attributed(text).iter().all(|s| !s.content.text.contains("Speaking at the pier")));
}

#[test]
fn a_participle_between_a_figure_and_a_noun_describes_the_noun() {
    let text = "The count gives her 412 pledged delegates and 30 unpledged ones.";
    assert!(attributed(text).iter().all(|s| s.cue.as_ref().is_none_or(|c| c.text != "pledged")));
    // A figure as a subject still reports: "About 40 said they would strike."
    find("Of the dockers polled, 40 said they would strike.", "40", "they would strike");
}
