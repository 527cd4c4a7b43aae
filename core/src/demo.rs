//! The demo book a first launch offers: Dana Whitfield's customers, every date counted back from `now`.
//!
//! Each situation Rapport exists for (DESIGN.md §1) is carried by a customer a salesperson would recognize:
//! the owner who keeps cars twelve years and said so, the lessee still waiting on plates, the email-only
//! traveller, the customer who asked to be removed from every list … Nothing here reads the clock or a random
//! source, so the book is the same on every launch apart from its ids, and never goes stale.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::America::Chicago;

use crate::ids::new_id;
use crate::model::Channel::{self, Email, InPerson, Mail, Phone, Text, Video};
use crate::model::Direction::{self, Inbound, Outbound};
use crate::model::NoteStatus::{self, Sent, Written};
use crate::model::Sentiment::{self, Negative, Neutral, Positive};
use crate::model::{
    Book, ContactKind, ContactPoint, Customer, CustomerIssue, CustomerRecord, Deliverable, Fact, Goal, HeldBack,
    IncludedService, Interaction, IssueStatus, IssueUpdate, Meaning, Note, NoteKind, Ownership, PreferenceStatement,
    Profile, Promise, PromiseStatus, Purchase, Purpose, Tag, TagOrigin, Vehicle,
};

/// The demo book as it looks on `now`: Dana's profile and her customers.
pub fn book(now: DateTime<Utc>) -> Book {
    let k = Clock::new(now);
    let mut customers = situations(k);
    customers.extend(business(k));
    customers.extend(everyday(k));
    Book::new(profile(), customers)
}

fn profile() -> Profile {
    Profile {
        name: "Dana Whitfield".into(),
        dealership: "Whitfield Ford & Subaru".into(),
        time_zone: "America/Chicago".into(),
        work_start: clock(8, 30),
        work_end: clock(17, 30),
        work_days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat],
        signature: "Warmly,\nDana".into(),
        voice: Some("warm, brief, plain words".into()),
        ..Profile::default()
    }
}

// Where customers live. Most are local to the Naperville store; the rest moved, bought for a child at college
// here, or are business accounts — and two never said.
const CHI: Option<&str> = Some("America/Chicago");
const NYC: Option<&str> = Some("America/New_York");
const IND: Option<&str> = Some("America/Indiana/Indianapolis");
const TOR: Option<&str> = Some("America/Toronto");
const DEN: Option<&str> = Some("America/Denver");
const PHX: Option<&str> = Some("America/Phoenix");
const LA: Option<&str> = Some("America/Los_Angeles");
const HNL: Option<&str> = Some("Pacific/Honolulu");
const LON: Option<&str> = Some("Europe/London");
const DUB: Option<&str> = Some("Europe/Dublin");
const BER: Option<&str> = Some("Europe/Berlin");
const SHA: Option<&str> = Some("Asia/Shanghai");
const TYO: Option<&str> = Some("Asia/Tokyo");
const SYD: Option<&str> = Some("Australia/Sydney");
const UNKNOWN: Option<&str> = None;

/// The customers who carry the failures of DESIGN.md §1, one situation each.
fn situations(k: Clock) -> Vec<CustomerRecord> {
    let person = |name: &str, time_zone: Option<&str>| Person::new(k, name, time_zone);
    vec![
        // Keeps cars twelve years and said so; the used-car desk mailed him a buy-back offer anyway.
        person("Gordon Pike", CHI)
            .met("Walked in on a snowy Saturday; his old Outback had 231,000 miles on it")
            .household("Wife Ruth; two grown sons in Milwaukee")
            .phone("home", "+1 630 555 0111")
            .email("personal", "gordon.pike@example.net")
            .fact(428, "#BuyAndHold Drove his last Outback 12 years; keeps every receipt in a binder", "at delivery")
            .fact(428, "Retired Metra conductor; volunteers on the Riverwalk cleanup crew", "at delivery")
            .goal(428, "Keep the Outback to 250,000 miles", "at delivery")
            .car(428, "Subaru|Outback|Wilderness", "4S4BTGUD1R3214587", &["X-MODE", "EyeSight", "heated seats"])
            .warranty(36, "3 yr/36,000 mi basic, 5 yr/60,000 mi powertrain")
            .service("Oil change", 6, 4, 2)
            .service("Tire rotation", 6, 4, 2)
            .thanks(
                426,
                Sent,
                "Gordon, thank you for trusting me with the Outback after twelve good years with the last one. \
                 Here's to the next 250,000 miles, with Ruth riding along.\nWarmly,\nDana",
            )
            .reached(62, Mail, "The used-car desk mailed him a buy-back offer from the store's list")
            .why("Store-wide buy-back mailer (not sent by me)")
            .topic("buy-back")
            .heard(58, Phone, "Called, upset about the buy-back letter")
            .felt(Negative)
            .said("I keep my cars 12 years, record that, don't ask me to sell it back.", never_raise("buy-back"))
            .note(58, "#BuyAndHold Never offer a buy-back or trade-in. Offer the longevity service plan instead.")
            .fact(58, "Wants the underbody checked and washed every October, before the salt goes down", "phone call")
            .answered(57, Phone, "Apologized for the letter; had him taken off the buy-back mailing")
            .why("Close the loop on his complaint")
            .felt(Positive)
            .held(21, Mail, Some("buy-back"), "declined_topic", "Gordon Pike asked not to hear about buy-back")
            .done(),
        // Leased twelve days ago; the plates and the second key promised at delivery have not arrived.
        person("Priya Raman", CHI)
            .met("Internet lead; test drove with her husband Arjun on a Sunday afternoon")
            .household("Husband Arjun; twins Anika and Dev (7)")
            .phone("mobile", "+1 630 555 0123")
            .email("personal", "priya.raman@example.com")
            .fact(12, "ER physician at Edward Hospital; three 12-hour shifts a week", "at delivery")
            .fact(12, "The twins' booster seats live in the back; she asked about rear sunshades", "at delivery")
            .car(12, "Ford|Escape|Platinum", "1FMCU9JAXSUA41739", &["SYNC 4", "BlueCruise", "heated seats"])
            .lease(36)
            .warranty(36, "3 yr/36,000 mi bumper-to-bumper")
            .service("Oil change", 6, 3, 0)
            .owed("License plates", -4)
            .owed("Second key", 3)
            .heard(12, InPerson, "Delivery: paired both phones with SYNC 4; drove off on a temporary tag")
            .promise(12, "Bring Priya her license plates from the Secretary of State", -4)
            .promise(12, "Program the second key and drop it off for Arjun", 3)
            .heard(2, Text, "Asked whether the plates are in yet")
            .quote("Any news on the plates? The temporary tag runs out soon.")
            .felt(Neutral)
            .done(),
        // Email only, she travels. The first call went out at 6:30 in the morning her time.
        person("Naomi Feldman", LA)
            .met("Web lead for a Solterra; consultant in Santa Monica who grew up in Naperville")
            .household("Partner Jess; her parents still live in Naperville")
            .email("work", "naomi.feldman@example.org")
            .phone("mobile", "+1 310 555 0147")
            .fact(21, "Flies out Monday and back Thursday most weeks", "her email")
            .goal(21, "An EV that can make the drive from Naperville to Santa Monica", "web form")
            .reached(20, Phone, "Called the number on her web form; no answer, left a voicemail")
            .at(8, 30)
            .why("Answer her web inquiry about the Solterra")
            .heard(19, Email, "Replied to the voicemail by email")
            .said("Email only please — I travel most weeks and can't take calls.", prefer(Email))
            .said("Email only please — I travel most weeks and can't take calls.", decline(Phone))
            .note(19, "Never call Naomi. Email only, short, with the numbers she asked for.")
            .held(15, Phone, None, "declined_channel", "Naomi Feldman declined phone calls")
            .answered(18, Email, "Sent the Solterra range figures and the two colors we have in stock")
            .why("The range numbers she asked about")
            .heard(10, Email, "Thanked me; will decide after her next trip home")
            .quote("This is exactly what I needed, thank you.")
            .done(),
        // A trade-in call and a coupon blast later, she asked to be removed from every list.
        person("Diane Kowalski", CHI)
            .met("Bought a pre-owned Forester from us three years ago")
            .household("Lives alone; her sister Barb is in Joliet")
            .phone("home", "+1 630 555 0138")
            .email("personal", "dkowalski@example.net")
            .fact(1090, "Retired postal carrier; grows prize dahlias", "at delivery")
            .car(1090, "Subaru|Forester|Premium", "JF2SKAEC8LH552901", &["EyeSight", "roof rails", "all-weather mats"])
            .used(2)
            .reached(190, Phone, "Called her about the spring trade-in event")
            .why("Spring trade-in event")
            .topic("trade-in")
            .reached(172, Email, "Service-special email from the store's list")
            .why("Service coupon")
            .heard(168, Email, "Replied to the service email")
            .felt(Negative)
            .said("Please remove me from your list. I'll call you if I need anything.", Meaning::DoNotContact)
            .note(168, "Do not contact Diane in any way. She will call us when she needs something.")
            .held(100, Email, Some("service"), "do_not_contact", "Diane Kowalski asked not to be contacted")
            .heard(40, Phone, "She called to book a brake inspection herself; polite and short")
            .felt(Neutral)
            // Her certified pre-owned warranty runs out soon: a real reason, which her words still hold back.
            .warranty(37, "Certified pre-owned: 3 yr/36,000 mi plus one month from the date of sale")
            .done(),
        // Praised the whole experience two days ago: the one moment a referral ask would not be out of place.
        person("Tomás Rivera", CHI)
            .met("His cousin Eddie Ruiz sent him to me")
            .household("Wife Lucía; daughter Sofía (3)")
            .phone("mobile", "+1 773 555 0156")
            .email("personal", "tomas.rivera@example.com")
            .fact(9, "Referred by his cousin Eddie Ruiz #Referral", "at delivery")
            .fact(9, "Electrician; hauls conduit and ladders on weekend jobs", "at delivery")
            .car(9, "Ford|Maverick|Lariat", "3FTTW8H36SRA27716", &["hybrid powertrain", "FLEXBED", "SYNC 4"])
            .finance(72)
            .service("Oil change", 6, 2, 0)
            .heard(9, InPerson, "Delivery; Marcus in finance walked him through the payment plan")
            .felt(Positive)
            .thanks(
                8,
                Written,
                "Tomás, thank you for letting me be part of the Maverick. I hope the FLEXBED earns its keep on \
                 the weekend jobs, and that Sofía enjoys her first ride.\nWarmly,\nDana",
            )
            .heard(2, Text, "Sent a photo of the Maverick loaded with conduit")
            .quote("Best car buying experience I've had — tell Marcus in finance thanks too")
            .felt(Positive)
            .done(),
        // An open issue: she is owed an update in two days.
        person("Keisha Thompson", CHI)
            .met("Test drove three SUVs in one afternoon; picked the Bronco Sport for the trails")
            .household("Husband Darnell; beagle Biscuit")
            .phone("mobile", "+1 630 555 0164")
            .email("personal", "keisha.thompson@example.com")
            .fact(40, "Beagle named Biscuit rides in the back on every trip", "at delivery")
            .fact(40, "Hikes Starved Rock most weekends", "at delivery")
            .car(40, "Ford|Bronco Sport|Badlands", "3FMCR9D92SRA63020", &["G.O.A.T. modes", "SYNC 4", "tow package"])
            .finance(60)
            .heard(8, Phone, "Rattle from the passenger side of the dashboard above 40 mph")
            .quote("It's driving me nuts on the highway.")
            .felt(Negative)
            .issue(8, "Rattle in the dashboard, passenger side, above 40 mph")
            .update(6, "Service found a loose clip behind the glovebox trim; replacement clip on order")
            .next_update(2)
            .followed_up(6, Phone, "Told her the cause and that the clip is on order")
            .why("Update on her dashboard rattle")
            .done(),
        // His issue was fixed yesterday and nobody has told him yet.
        person("Ben Okafor", CHI)
            .met("Came to our EV night in the showroom")
            .household("Partner Chidi; cat Pixel")
            .phone("mobile", "+1 630 555 0117")
            .email("personal", "ben.okafor@example.org")
            .fact(75, "Software engineer; charges at home, commutes to Aurora", "at delivery")
            .car(75, "Ford|Mustang Mach-E|Premium", "3FMTK3SU8RMA19944", &["BlueCruise", "SYNC 4A"])
            .lease(36)
            .warranty(96, "8 yr/100,000 mi battery and EV components")
            .heard(14, Email, "Apple CarPlay keeps dropping on his commute")
            .quote("CarPlay disconnects every ten minutes, it's maddening.")
            .felt(Negative)
            .issue(14, "Apple CarPlay keeps disconnecting")
            .update(10, "Service reproduced it; waiting on a module software update from Ford")
            .followed_up(10, Email, "Told him service reproduced it and is waiting on Ford's update")
            .why("Update on his CarPlay issue")
            .resolved(1, "Software update applied; tested 40 minutes with his phone model, no drops")
            .done(),
        // Asked for information three days ago; it is still owed.
        person("Dale Hutchins", IND)
            .met("Drove in from Lafayette, Indiana, because we had an Ascent Onyx in stock")
            .household("Wife Tammy; three kids; a 22-foot travel trailer")
            .phone("mobile", "+1 765 555 0172")
            .email("personal", "dale.hutchins@example.com")
            .heard(24, InPerson, "Test drove the Ascent Onyx and the Explorer; leaning Ascent for the third row")
            .fact(3, "Camps at Indiana Dunes with a 22-foot trailer, about 4,800 lb loaded", "phone call")
            .goal(3, "Tow the trailer to Yellowstone next summer with the whole family aboard", "phone call")
            .heard(3, Phone, "Asked for towing figures before he decides")
            .quote("Can you send me the towing capacity with the tow package?")
            .asked("Towing capacity of the Ascent with the tow package, against his 4,800 lb trailer")
            .promise(3, "Email Dale the Ascent's towing capacity with the tow package", 1)
            .done(),
        // Call only after six, her time.
        person("Rosa Delgado", CHI)
            .met("Her old Civic was totaled in a hospital parking lot; a coworker sent her to us")
            .household("Son Mateo (19) at NIU")
            .phone("mobile", "+1 630 555 0181")
            .fact(300, "ICU nurse at Edward Hospital, day shifts 7 to 7", "at delivery")
            .car(300, "Subaru|Crosstrek|Premium", "JF2GUADC1RH318206", &["EyeSight", "heated seats", "Apple CarPlay"])
            .finance(60)
            .service("Oil change", 6, 3, 1)
            .reached(125, Phone, "Called about her first included oil change; she was on shift")
            .at(11, 0)
            .why("First included oil change due")
            .heard(125, Text, "Texted back from work")
            .at(12, 40)
            .said("Only call after 6pm, I'm a nurse on day shifts.", between((18, 0), (20, 30)))
            .reached(124, Phone, "Booked the oil change for her day off")
            .at(18, 45)
            .why("First included oil change due")
            .fact(124, "Mateo studies engineering at NIU; she drives to DeKalb most Sundays", "phone call")
            .done(),
        // Once a quarter is plenty.
        person("Richard Hale", DEN)
            .met("Bought an F-250 online; we shipped it to his ranch near Greeley, Colorado")
            .household("Wife Carol; son Wyatt runs the ranch with him")
            .phone("office", "+1 970 555 0119")
            .email("ranch", "hale.ranch@example.net")
            .fact(250, "Runs about 300 head of cattle; pulls a gooseneck stock trailer", "phone call")
            .car(250, "Ford|F-250 Super Duty|Lariat", "1FT8W2BT7REC88412", &["6.7L Power Stroke", "gooseneck prep"])
            .finance(60)
            .warranty(60, "5 yr/100,000 mi diesel powertrain")
            .heard(180, Phone, "Truck is working hard; he doesn't want check-in calls")
            .felt(Neutral)
            .said("Once a quarter is plenty. I'll call if the truck needs something.", at_most_every(90))
            .reached(88, Email, "Sent the trailer-brake recall notice and the nearest Ford service in Greeley")
            .why("Open safety recall on his truck")
            .done(),
        // No referral asks.
        person("Aaron Goldberg", NYC)
            .met("Bought a Forester here during his residency at Loyola; moved to Brooklyn and kept it")
            .household("Wife Leah; daughter Noa, born this spring")
            .email("personal", "aaron.goldberg@example.com")
            .phone("mobile", "+1 718 555 0163")
            .fact(1300, "Cardiology resident at Loyola; on call every fourth night", "at delivery")
            .car(1300, "Subaru|Forester|Sport", "JF2SKAJC4NH420775", &["StarLink", "X-MODE", "heated seats"])
            .warranty(60, "5 yr/60,000 mi powertrain")
            .reached(420, Phone, "Called about the airbag recall and asked if friends needed a car")
            .why("Open safety recall")
            .topic("referrals")
            .felt(Negative)
            .said(
                "Please don't ask me for referrals. If a friend needs a car I'll send them, that's enough.",
                never_raise("referrals"),
            )
            .fact(120, "Daughter Noa born in the spring; rear-facing seat in the Forester now", "his email")
            .heard(120, Email, "Sent a photo of Noa; asked where to get the car seat checked in Brooklyn")
            .answered(119, Email, "Sent the free car-seat check locations near Park Slope")
            .why("The car-seat check he asked about")
            // Praise, but he asked never to be asked for referrals: the referral moment is held back.
            .heard(3, Email, "Wrote that the car-seat check spot was great and the Forester has been perfect")
            .felt(Positive)
            .quote("Honestly, the best dealer experience I've had.")
            .done(),
        // No more extended warranty offers.
        person("Sharon McAllister", CHI)
            .met("Third Ford from us; her father bought from my father")
            .household("Husband Doug; three grandkids every Wednesday")
            .phone("mobile", "+1 630 555 0171")
            .email("personal", "sharon.mcallister@example.net")
            .fact(150, "Picks up the three grandkids from school every Wednesday", "at delivery")
            .car(150, "Ford|Explorer|ST-Line", "1FM5K8GC4SGA90113", &["third-row seats", "SYNC 4", "360-degree camera"])
            .finance(48)
            .heard(150, InPerson, "Signing: the finance desk offered the extended warranty a third time")
            .felt(Negative)
            .said(
                "I've said no to the extended warranty three times. Don't offer it again.",
                never_raise("extended warranty"),
            )
            .note(150, "Told the finance desk: no extended warranty offers for Sharon, ever.")
            .thanks(
                149,
                Sent,
                "Sharon, a third Ford — and I still remember your dad's Country Squire. Enjoy the third row with \
                 the Wednesday crew.\nWarmly,\nDana",
            )
            .done(),
        // Never texts.
        person("Terrence Booker", CHI)
            .goes_by("Coach")
            .met("Football coach at Naperville Central; needed a truck for the equipment trailer")
            .household("Wife Angela; sons DeShawn (14) and Caleb (11)")
            .phone("mobile", "+1 630 555 0184")
            .email("school", "tbooker@example.org")
            .fact(330, "Season runs August to November; Friday nights are off limits", "at delivery")
            .car(330, "Ford|Ranger|XLT", "1FTER4H44RLD03398", &["tow package", "FX4 off-road package", "SYNC 4"])
            .finance(60)
            .service("Oil change", 6, 2, 1)
            .reached(160, Text, "Texted a reminder about his included oil change")
            .why("Included oil change due")
            .heard(158, Phone, "Called back; saw the text two days late")
            .said("Don't text me, I don't read them. Call or email is fine.", decline(Text))
            .done(),
        // Asked to be left alone, then came back: both statements stay in the history.
        person("Linda Park", CHI)
            .met("Long-time Subaru owner; bought her Forester from us eight years ago")
            .household("Husband James; daughter Grace in Seattle; her mother moved in last year")
            .phone("mobile", "+1 630 555 0192")
            .email("personal", "linda.park@example.com")
            .car(2950, "Subaru|Forester|Limited", "JF2SJAJC6GH467120", &["EyeSight", "heated seats", "power liftgate"])
            .fact(240, "Caring for her mother at home; money and time are tight this year", "phone call")
            .heard(240, Phone, "Asked us to stop all contact for now")
            .felt(Negative)
            .said("Take me off your list for now. We're not buying anything this year.", Meaning::DoNotContact)
            .heard(10, Phone, "Called: the Forester just passed 160,000 miles and she is ready to look")
            .said("You can call me again about the new Outback.", Meaning::ResumeContact)
            .goal(10, "A new Outback before winter, ideally a Touring in Autumn Green", "phone call")
            .promise(10, "Call Linda when the Autumn Green Outback Touring comes off the truck", 6)
            .done(),
    ]
}

/// Business accounts: capital equipment, fleets, an insurance agency, a church.
fn business(k: Clock) -> Vec<CustomerRecord> {
    let person = |name: &str, time_zone: Option<&str>| Person::new(k, name, time_zone);
    vec![
        // Capital equipment: the lathe's warranty runs out in about seven weeks, with a maintenance visit due.
        person("Robert Kaminski", CHI)
            .goes_by("Bob")
            .company("Kaminski Precision Machining")
            .met("An account from my years selling machine tools; followed me to Whitfield for the shop vans")
            .household("Wife Teresa; son Adam runs second shift")
            .phone("work", "+1 847 555 0127")
            .email("work", "bob.kaminski@example.com")
            .fact(315, "Fourteen machinists; aerospace and medical parts #Fleet", "plant visit")
            .goal(315, "Run the new lathe two shifts a day with no unplanned downtime", "plant visit")
            .product(315, "Haas ST-20Y CNC lathe", &["Y-axis live tooling", "bar feeder", "chip conveyor"])
            .warranty(12, "1 year parts and labor, on site")
            .service("Preventive maintenance visit", 6, 2, 1)
            .car(210, "Ford|Transit|250 Cargo High Roof", "1FTBR1C84SKA74051", &["shelving upfit", "ladder rack"])
            .warranty(36, "3 yr/36,000 mi bumper-to-bumper")
            .note(210, "#Fleet Shop vans on a four-year cycle; Adam picks them up and signs.")
            .heard(130, Phone, "First preventive maintenance visit done; spindle runout in spec")
            .fact(130, "Plays accordion in a polka band most Sundays", "phone call")
            .done(),
        // An insurance agency's fleet.
        person("Gloria Nakamura", CHI)
            .company("Lakeshore Mutual Insurance Agency")
            .met("Fleet manager for the agency's claims adjusters; met at a Chamber of Commerce breakfast")
            .household("Husband Ken; son at Purdue")
            .phone("work", "+1 630 555 0145")
            .email("work", "gloria.nakamura@example.org")
            .fact(520, "Twelve adjusters' cars across DuPage County #Fleet", "fleet meeting")
            .car(520, "Ford|Escape|Active", "1FMCU9G60PUB02297", &["all-wheel drive", "fleet telematics", "SYNC 4"])
            .lease(36)
            .service("Oil change", 6, 6, 2)
            .fact(90, "Training for the Chicago Marathon in October", "phone call")
            .heard(60, Video, "Fleet review: four more adjusters need cars next spring")
            .goal(60, "Fewer days with an adjuster off the road waiting on repairs", "fleet review")
            .promise(60, "Send Gloria fleet pricing for four Escape hybrids with loaner cover", -46)
            .kept(52)
            .followed_up(52, Email, "Sent fleet pricing for four Escape hybrids with loaner cover")
            .why("The pricing she asked for at the fleet review")
            .done(),
        // A plumbing company's vans.
        person("Mateusz Wiśniewski", CHI)
            .goes_by("Matt")
            .company("Wiśniewski Plumbing & Heating")
            .met("Needed two work vans in a hurry after a break-in at his yard")
            .household("Wife Kasia; three kids; his father Janusz still does the estimates")
            .phone("work", "+1 708 555 0158")
            .email("office", "wisniewski.plumbing@example.net")
            .fact(400, "Six plumbers and two apprentices; emergency calls around the clock #Fleet", "at delivery")
            .car(400, "Ford|Transit|250 Cargo Medium Roof", "1FTBR1C87RKB33071", &["shelving upfit", "ladder rack"])
            .finance(48)
            .car(45, "Ford|Transit|250 Cargo", "1FTBR1C83SKB68843", &["shelving upfit", "Pro Power Onboard"])
            .finance(48)
            .note(45, "Second van for the new apprentice crew; another likely next year. #Fleet pricing applies.")
            .heard(30, Phone, "Asked whether the upfitter can add a roof pipe rack to the new van")
            .promise(30, "Get Matt a quote for a roof pipe rack on the new van", -23)
            .kept(26)
            .followed_up(26, Email, "Sent the upfitter's quote for the pipe rack")
            .why("The quote he asked for")
            .done(),
        // A landscaping company; Carlos sent us his nephew Eddie.
        person("Carlos Mendoza", CHI)
            .company("Mendoza Landscaping")
            .met("Bought his first F-350 from my father fifteen years ago")
            .household("Wife Elena; his nephew Eddie Ruiz runs one of the crews")
            .phone("mobile", "+1 630 555 0116")
            .email("office", "mendoza.landscaping@example.com")
            .fact(600, "Crews of four; mows in summer, plows for the park district in winter #Fleet", "at delivery")
            .goal(600, "Every truck ready for plowing by November 1", "at delivery")
            .car(600, "Ford|F-350 Super Duty|XLT", "1FT8W3BT6SED12064", &["plow prep package", "dump bed upfit"])
            .finance(60)
            .service("Oil change", 4, 6, 4)
            .heard(205, Phone, "Sent his nephew Eddie to us for a Ranger")
            .thanks(
                199,
                Sent,
                "Carlos, thank you for sending Eddie to us. He drove off very proud of that Ranger, and I \
                 know where he learned to look after his trucks.\nWarmly,\nDana",
            )
            .done(),
        // A church van for the youth group and the seniors' Sunday rides.
        person("Samuel Osei", CHI)
            .goes_by("Pastor Sam")
            .company("Grace Fellowship Church")
            .met("The church board needed a 12-passenger van for the youth group and seniors' rides")
            .household("Wife Abena; four children")
            .phone("church office", "+1 630 555 0129")
            .email("church", "pastor.sam@example.org")
            .fact(280, "The van takes seniors to Sunday service and the youth group to camp each July", "board meeting")
            .car(280, "Ford|Transit|350 Passenger XLT", "1FBAX2Y88RKA08813", &["12 passengers", "rear A/C", "SYNC 4"])
            .warranty(36, "3 yr/36,000 mi bumper-to-bumper")
            .service("Oil change", 6, 4, 1)
            .promise(280, "Walk the volunteer drivers around the van before its first Sunday", -274)
            .kept(276)
            .heard(276, InPerson, "Walked six volunteer drivers around the van; practiced backing up with the camera")
            .done(),
    ]
}

/// Everyone else: the ordinary, varied book — families, first cars, people who moved far away.
fn everyday(k: Clock) -> Vec<CustomerRecord> {
    let person = |name: &str, time_zone: Option<&str>| Person::new(k, name, time_zone);
    vec![
        // The five-year loan ends in under three months.
        person("Steve Duarte", CHI)
            .met("Came in for an oil change five years ago and left with an Escape")
            .household("Wife Mónica; son Steven Jr. (15)")
            .phone("mobile", "+1 630 555 0133")
            .email("personal", "steve.duarte@example.com")
            .car(1746, "Ford|Escape|SE", "1FMCU9G64LUC61480", &["SYNC 3", "heated seats", "Co-Pilot360"])
            .finance(60)
            .fact(200, "Steven Jr. gets his learner's permit this year", "service visit")
            .goal(40, "Pay off the Escape, hand it to Steven Jr., and get something bigger", "phone call")
            .heard(40, Phone, "Asked what happens when the loan ends")
            .answered(39, Phone, "Called back: explained the payoff date; the title comes to him free and clear")
            .why("His question about the loan ending")
            .done(),
        // A daughter's wedding in three weeks; the Expedition is the bridal shuttle.
        person("Patrick O'Neill", CHI)
            .goes_by("Pat")
            .met("Came in for a Bronco and left with an Expedition for the whole family")
            .household("Wife Maureen; daughters Caitlin and Erin")
            .phone("mobile", "+1 630 555 0148")
            .email("personal", "pat.oneill@example.net")
            .car(380, "Ford|Expedition|Limited", "1FMJU1K89REA35729", &["third-row seats", "BlueCruise", "tow package"])
            .finance(60)
            .service("Oil change", 6, 4, 2)
            .fact(380, "Tows a pontoon boat to Lake Geneva most summer weekends", "at delivery")
            .fact(30, "Daughter Caitlin's wedding at Cantigny Park", "phone call")
            .dated(21)
            .fact(30, "The Expedition will shuttle the bridal party; wants it detailed the week before", "phone call")
            .heard(30, Phone, "Booked his oil change; full of wedding plans")
            .promise(30, "Book a full detail for the Expedition the week before the wedding", 14)
            .done(),
        person("Zoë Lindqvist", BER)
            .met("Bought a Crosstrek for her son Felix at North Central College; she lives in Berlin")
            .household("Husband Henrik; son Felix (20) at North Central College")
            .email("personal", "zoe.lindqvist@example.org")
            .phone("Felix (mobile)", "+1 630 555 0193")
            .fact(200, "Architect in Berlin; visits Felix every spring", "video call")
            .fact(200, "Felix keeps goal for the college soccer team", "video call")
            .car(200, "Subaru|Crosstrek|Sport", "JF2GUADC8SH201468", &["EyeSight", "X-MODE", "heated seats"])
            .service("Oil change", 6, 3, 1)
            .heard(200, Video, "Bought over a video call; Felix picked the car up with his roommate")
            .reached(20, Email, "Told her Felix's first included oil change is due; offered times around his exams")
            .why("Included oil change due")
            .done(),
        person("Nguyễn Thị Mai", CHI)
            .goes_by("Mai")
            .met("Owns a nail salon on Ogden Avenue; her first car after years of taking the bus")
            .household("Husband Tuấn; daughter Linh (16); her mother lives with them")
            .phone("mobile", "+1 630 555 0114")
            .fact(60, "The first car she has ever owned; got her license this year #FirstCar", "at delivery")
            .fact(60, "Linh helps with English on the phone after school", "at delivery")
            .car(60, "Subaru|Impreza|Sport", "4S3GUAB62S3605312", &["EyeSight", "rear camera", "Apple CarPlay"])
            .finance(60)
            .said_on(60, "After 4 p.m. is better — Linh is home from school then.", between((16, 0), (19, 0)))
            .thanks(
                58,
                Sent,
                "Mai, congratulations on your first car. You asked every good question, and the Impreza is \
                 lucky to have you.\nWarmly,\nDana",
            )
            .heard(55, InPerson, "Came back for a second lesson on EyeSight and the backup camera")
            .done(),
        person("王伟 (Wei Wang)", SHA)
            .goes_by("Mr. Wang")
            .met("Bought an Outback for his daughter Lily at UIUC; paid by wire from Shanghai")
            .household("Wife Mei; daughter Lily (20), engineering at UIUC")
            .email("personal", "wei.wang@example.com")
            .phone("Lily (mobile)", "+1 217 555 0135")
            .fact(150, "Runs a logistics company in Shanghai; visits Champaign every August", "video call")
            .car(150, "Subaru|Outback|Premium", "4S4BTANC9R3288830", &["EyeSight", "X-MODE", "heated seats"])
            .heard(150, Video, "Delivery over video with Lily at the store; he asked about winter tires")
            .said("Email is best; I read it every morning, Shanghai time.", prefer(Email))
            .promise(150, "Have winter tires mounted on Lily's Outback", -120)
            .kept(124)
            .followed_up(124, Email, "Sent photos of the winter tires on Lily's Outback")
            .why("The winter tires he asked for")
            .done(),
        person("José Álvarez", PHX)
            .met("Snowbird: winters in Scottsdale, summers near his daughter in Naperville")
            .household("Wife Carmen; daughter Isabel and two grandsons in Naperville")
            .phone("mobile", "+1 480 555 0137")
            .email("personal", "jose.alvarez@example.net")
            .fact(700, "His last F-150 went 15 years and 290,000 miles #BuyAndHold", "at delivery")
            .goal(700, "Make this the last truck he ever buys", "at delivery")
            .car(700, "Ford|F-150|XLT", "1FTFW1E52NKD41172", &["tow package", "SYNC 4", "trailer brake controller"])
            .service("Oil change", 6, 4, 3)
            .said_on(700, "Don't bother me about trading it in. This one's for keeps.", never_raise("trade-in"))
            .fact(150, "Tows a small Airstream between Naperville and Scottsdale each spring and fall", "phone call")
            .heard(150, Phone, "Asked for a trailer-brake check before the drive south")
            .answered(149, Phone, "Booked the trailer-brake check with his oil change")
            .why("The check he asked for before the drive")
            .done(),
        person("渡辺健二 (Kenji Watanabe)", TYO)
            .met("Engineer on a three-year assignment at the Subaru plant in Lafayette, Indiana; leased through us")
            .household("Wife Aiko; son Haruto (9)")
            .email("personal", "k.watanabe@example.net")
            .car(1500, "Subaru|Forester|Touring", "JF2SKAWC3KH378801", &["EyeSight", "DriverFocus"])
            .lease(36)
            .fact(1400, "Haruto's first baseball game was the Cubs tickets we found for him", "thank-you email")
            .heard(405, InPerson, "Returned the Forester at lease end; no wear charges")
            .felt(Positive)
            .fact(405, "Back in Tokyo; may return on a new assignment in about two years", "at lease return")
            .goal(405, "Lease again if the company sends him back to Indiana", "at lease return")
            .heard(40, Email, "Sent a photo of Haruto in his baseball uniform; says hello to the service team")
            .done(),
        person("Oliver Hughes", LON)
            .goes_by("Olly")
            .met("British; summers at his family's lake house in Lake Geneva, Wisconsin")
            .household("Wife Priyanka; sons Jack and Alfie")
            .email("personal", "oliver.hughes@example.com")
            .phone("UK mobile", "+44 7700 900142")
            .car(330, "Ford|Bronco|Outer Banks", "1FMDE5BH0RLA20419", &["removable hardtop", "tow package", "SYNC 4"])
            .fact(330, "Tows a ski boat at the lake; the boys waterski", "at delivery")
            .fact(60, "Flying in for the summer; lands at O'Hare", "his email")
            .dated(40)
            .heard(60, Email, "Asked us to keep the Bronco indoors and charged until he lands")
            .said("Email please — with the time difference a call usually lands at 3 a.m.", prefer(Email))
            .promise(60, "Have Olly's Bronco detailed, charged and ready the day he lands", 38)
            .done(),
        person("Siobhán Ní Bhriain", DUB)
            .met("Emailed from Dublin: starting as a data scientist at Northwestern Medicine")
            .household("Moving over with her partner Cian")
            .email("personal", "siobhan.nibhriain@example.org")
            .fact(25, "Lands at O'Hare in about five weeks; starts work the Monday after", "her email")
            .dated(33)
            .goal(25, "A car ready the week she lands, with no US credit history yet", "her email")
            .heard(25, Email, "Asked how to buy a car with no US credit history")
            .quote("I've no US credit history at all — is that a problem?")
            .answered(24, Email, "Explained the options for new arrivals and which documents to bring")
            .why("Answer her credit question")
            .promise(24, "Have a Forester ready to test drive the week Siobhán lands", 35)
            .done(),
        person("Chloe Harris", SYD)
            .met("Bought a pre-owned Outback for her son Jack at Northwestern; she lives in Sydney")
            .household("Husband Nathan; son Jack (21) rows for Northwestern")
            .email("personal", "chloe.harris@example.com")
            .phone("mobile", "+61 491 570 156")
            .fact(240, "Jack carries his rowing gear on the roof rails", "video call")
            .car(240, "Subaru|Outback|Limited", "4S4BTAMC8N3169050", &["EyeSight", "roof rails", "heated seats"])
            .used(3)
            .heard(240, Video, "Bought over video; Jack signed for the car at delivery")
            .said("Please email rather than call — we're a day ahead of you.", prefer(Email))
            .fact(30, "The family flies over for Jack's graduation", "her email")
            .dated(75)
            .heard(30, Email, "Asked what we'd give for the Outback when Jack graduates")
            .asked("What we would offer for the Outback after Jack graduates")
            .done(),
        person("Fatima Al-Sayed", CHI)
            .met("Pharmacist on Route 59; her Corolla was rear-ended at a stoplight")
            .household("Husband Omar; cats Saffron and Pistachio")
            .phone("mobile", "+1 630 555 0151")
            .email("personal", "fatima.alsayed@example.com")
            .fact(95, "Two cats, Saffron and Pistachio, ride to the vet in carriers on the back seat", "at delivery")
            .fact(95, "Plays cello in a community orchestra; the case rides in the back", "at delivery")
            .car(95, "Subaru|Forester|Sport", "JF2SKADC0SH233914", &["EyeSight", "heated seats", "power liftgate"])
            .finance(60)
            .service("Oil change", 6, 3, 0)
            .heard(95, InPerson, "Delivery; showed her the cargo tie-downs for the cello case")
            .felt(Positive)
            .thanks(
                93,
                Sent,
                "Fatima, thank you for choosing the Forester. I hope the cello fits as well on Thursday \
                 rehearsal nights as it did in the showroom.\nWarmly,\nDana",
            )
            .done(),
        person("Olumide Adeyemi", NYC)
            .goes_by("Olu")
            .met("Bought an F-150 Lightning while at Argonne; moved to Atlanta for a new lab job")
            .household("Wife Funmi; daughter Tobi (12)")
            .phone("mobile", "+1 404 555 0166")
            .email("personal", "olu.adeyemi@example.net")
            .fact(330, "Battery researcher; wants the charging data, not the sales talk", "at delivery")
            .car(330, "Ford|F-150 Lightning|Lariat", "1FT6W1EV5RWA11802", &["extended range", "Pro Power Onboard"])
            .finance(60)
            .warranty(96, "8 yr/100,000 mi battery and EV components")
            .fact(100, "Moved to Atlanta for a job at Georgia Tech", "his email")
            .heard(100, Email, "Asked for a Ford EV service center near Atlanta")
            .answered(99, Email, "Sent two EV-certified Ford service centers near Midtown Atlanta")
            .why("The service center he asked for")
            .done(),
        person("Hannah Schultz", CHI)
            .met("Came in with her dad; paid for the car herself from two summers of lifeguarding")
            .household("Lives with her parents, Karl and Debbie")
            .phone("mobile", "+1 630 555 0174")
            .email("personal", "hannah.schultz@example.com")
            .fact(70, "Bought her first car with her own savings #FirstCar", "at delivery")
            .fact(70, "Lifeguard at Centennial Beach; starts nursing school in the fall", "at delivery")
            .car(70, "Ford|Escape|SE", "1FMCU9H66MUA87315", &["SYNC 3", "Co-Pilot360", "rear camera"])
            .used(4)
            .warranty(12, "Certified Pre-Owned 12-month/12,000-mile comprehensive")
            // Dana's own reminder, which says what Hannah gains.
            .reminder(
                3,
                "Hannah's first winter driving: show her how to check tire pressure and put a scraper in the car before the first snow",
                Some(Text),
            )
            .thanks(
                68,
                Sent,
                "Hannah, two summers of lifeguarding paid for that Escape, and that is something to be proud \
                 of. Call me with any question at all.\nWarmly,\nDana",
            )
            .heard(30, Text, "Asked what the orange tire light means")
            .answered(30, Text, "Texted back: it's the tire-pressure light; she filled the tires on the way home")
            .at(17, 20)
            .why("Her question about the warning light")
            .done(),
        person("Grace Whitaker", CHI)
            .met("Retired third-grade teacher; the Legacy is the only new car she has bought in twenty years")
            .household("Widowed; son Tom in Evanston")
            .phone("home", "+1 630 555 0187")
            .address("home", "412 Maple Ave, Naperville, IL 60540")
            .fact(2200, "Drove her previous Legacy 19 years #BuyAndHold", "at delivery")
            .goal(2200, "Drive the Legacy as long as she drives at all", "at delivery")
            .car(2200, "Subaru|Legacy|Limited", "4S3BWAL67K3010457", &["EyeSight", "heated seats"])
            .said_on(2200, "Call me on the house phone. I don't do email.", prefer(Phone))
            .heard(300, Phone, "Asked whether the car needs anything special at 100,000 miles")
            .answered(299, Phone, "Walked her through the 105,000-mile service items")
            .why("Her question about high-mileage service")
            .fact(60, "Brings tomatoes from her garden to the service department every August", "service visit")
            .done(),
        person("Dmitri Volkov", NYC)
            .met("Web lead for a Mustang Dark Horse; lives in Hoboken and wants to fly in and drive it home")
            .household("Single; a Siberian husky named Nika")
            .email("personal", "dmitri.volkov@example.org")
            .phone("mobile", "+1 201 555 0118")
            .fact(16, "Does track days at Lime Rock; wants the handling package", "phone call")
            .fact(16, "Husky named Nika rides shotgun on road trips", "phone call")
            .goal(16, "Drive the car home to Hoboken himself, a thousand miles of break-in", "phone call")
            .heard(16, Phone, "Long call about the Dark Horse handling package and our allocation")
            .said("Text me first, I'm in meetings all day; I'll call back.", prefer(Text))
            .promise(16, "Tell Dmitri as soon as the Dark Horse allocation is confirmed", 5)
            .done(),
        person("Aisha Bello", CHI)
            .met("Priya Raman's colleague in the ER; Priya sent her to me")
            .household("Husband Emeka; son Jide (5)")
            .phone("mobile", "+1 630 555 0196")
            .email("personal", "aisha.bello@example.com")
            .fact(5, "Referred by Priya Raman, her colleague in the ER #Referral", "phone call")
            .fact(5, "Works nights in the ER; her mornings are everyone else's evenings", "phone call")
            .heard(5, Phone, "Wants a Forester Wilderness for camping; test drive on her next day off")
            .said("Text is best — I sleep days after night shifts.", prefer(Text))
            .promise(5, "Have a Forester Wilderness ready for Aisha's test drive", 2)
            .done(),
        person("최민준 (Min-jun Choi)", LA)
            .goes_by("Min")
            .met("Graduate student at IIT; bought a pre-owned Crosstrek, then moved to Seattle for work")
            .household("Girlfriend Soo-ah; moved to Seattle in the spring")
            .email("personal", "minjun.choi@example.com")
            .phone("mobile", "+1 206 555 0141")
            .car(900, "Subaru|Crosstrek|Premium", "JF2GUHDC7PH250791", &["EyeSight", "X-MODE", "roof rails"])
            .used(1)
            .fact(200, "Snowboards at Stevens Pass most winter weekends; roof box on the rails", "his email")
            .heard(200, Email, "Drove the Crosstrek to Seattle; asked for his service records")
            .answered(199, Email, "Sent his service history for the new dealer")
            .why("The records he asked for")
            .done(),
        // Time zone unknown: never guessed.
        person("Sam Taylor", UNKNOWN)
            .met("Web chat about a Crosstrek Wilderness; didn't say where they live")
            .email("personal", "sam.taylor@example.net")
            .heard(6, Email, "Asked whether the Crosstrek Wilderness can carry a kayak on the roof")
            .note(6, "Time zone unknown: ask before suggesting a call.")
            .answered(5, Email, "Sent the roof load rating and a photo of one with a kayak rack")
            .why("Answer their roof-rack question")
            .done(),
        person("Jordan Ellis", UNKNOWN)
            .met("Met at the Chicago Auto Show at the Bronco display; took a card, left no address")
            .phone("mobile", "+1 312 555 0108")
            .fact(45, "Wants a Bronco for overlanding trips out west", "auto show")
            .goal(45, "A Bronco set up for overlanding by next summer", "auto show")
            .heard(45, InPerson, "Twenty minutes on the Sasquatch package and roof tents")
            .done(),
        person("Frank Russo", CHI)
            .met("Retired firefighter; bought his F-150 the week he retired")
            .household("Wife Gina; black lab Diesel")
            .phone("mobile", "+1 630 555 0105")
            .fact(560, "Twenty-eight years with Aurora Fire; retired as a captain", "at delivery")
            .fact(560, "Black lab named Diesel rides in the back seat, never the bed", "at delivery")
            .fact(560, "Says this is the last truck he'll own #BuyAndHold", "at delivery")
            .car(560, "Ford|F-150|Lariat", "1FTFW1E87PFC44927", &["tow package", "Pro Power Onboard"])
            .service("Oil change", 6, 4, 3)
            .fact(35, "Fishing trip to Alaska for king salmon with his brother", "service visit")
            .dated(18)
            .heard(35, InPerson, "Stopped by at his oil change; showed me photos of last year's catch")
            .done(),
        person("Meredith Lane", CHI)
            .met("Realtor; drives clients around all day and needed a third row")
            .household("Husband Greg; daughters Ava and Lily; golden retriever Maple")
            .phone("mobile", "+1 630 555 0161")
            .email("work", "meredith.lane@example.com")
            .car(20, "Ford|Explorer|Platinum", "1FMSK8FH3SGA56308", &["third-row seats", "BlueCruise"])
            .owed("All-weather floor mats", 4)
            .fact(20, "Her birthday — mentioned it while signing", "at delivery")
            .dated(12)
            .fact(20, "Golden retriever Maple; wants seat covers for the third row", "at delivery")
            .promise(20, "Deliver Meredith's all-weather floor mats", 4)
            .thanks(
                19,
                Written,
                "Meredith, thank you for the Explorer. May it carry many happy clients to their new front \
                 doors, and Maple to the park.\nWarmly,\nDana",
            )
            .done(),
        person("Ingrid Johansson", DEN)
            .met("Bought a WRX here while teaching in Wheaton; moved to Breckenridge to teach skiing")
            .household("Partner Luca; two cats")
            .email("personal", "ingrid.johansson@example.org")
            .phone("mobile", "+1 970 555 0179")
            .car(700, "Subaru|WRX|Premium", "JF1VBAF60R9812074", &["6-speed manual", "symmetrical all-wheel drive"])
            .fact(200, "Ski instructor in winter, raft guide in summer", "her email")
            .heard(200, Email, "Asked for winter tires sized for the WRX")
            .answered(199, Email, "Sent the tire sizes and a shop in Frisco that stocks them")
            .why("The tire sizes she asked for")
            .heard(197, Email, "Thanked me for the tire info; the shop in Frisco had them in stock")
            .said("Once or twice a year is plenty, I'm on the mountain most days.", at_most_every(180))
            .done(),
        // Drives 50,000 miles a year: his first included oil change is already a few days overdue.
        person("Ahmed Hassan", CHI)
            .met("Drives for the rideshare apps full time; needed a hybrid that could take the miles")
            .household("Wife Noura; three daughters")
            .phone("mobile", "+1 773 555 0143")
            .fact(187, "Drives about a thousand miles a week; airport runs at 4 a.m.", "at delivery")
            .fact(187, "Eldest daughter Mariam starts at UIC in the fall", "at delivery")
            .car(187, "Ford|Escape|ST-Line Hybrid", "1FMCU9BZ7SUA70426", &["SYNC 4", "adaptive cruise control"])
            .finance(60)
            .warranty(96, "8 yr/100,000 mi hybrid components")
            .service("Oil change", 6, 4, 0)
            .owed("Roof cross bars (back-ordered at the sale)", 6)
            .said_on(
                187,
                "After 10 in the morning is best — I drive the early airport runs.",
                between((10, 0), (14, 0)),
            )
            .heard(60, Phone, "Asked whether the hybrid warranty covers rideshare miles")
            .answered(59, Phone, "Confirmed the hybrid component coverage applies however the miles are driven")
            .why("His warranty question")
            .done(),
        person("Lucy Chen", CHI)
            .met("Veterinarian; her clinic looks after Hank, the dealership dog")
            .household("Wife Ming; three rescue greyhounds")
            .phone("clinic", "+1 630 555 0132")
            .email("personal", "lucy.chen@example.org")
            .fact(240, "Three rescue greyhounds: Comet, Pepper and Moose", "at delivery")
            .fact(240, "Runs a free vaccination clinic at the shelter the first Saturday of each month", "at delivery")
            .car(240, "Subaru|Forester|Touring", "JF2SKALC8RH294410", &["EyeSight", "power liftgate", "heated seats"])
            .heard(100, Email, "The rear cargo mat is curling; asked for a replacement")
            .issue(100, "Rear cargo mat curling at the edges")
            .update(95, "Replacement mat ordered under warranty")
            .resolved(80, "New mat fitted at her oil change; lies flat")
            .followed_up(79, Email, "Told her the new mat is in and lies flat")
            .why("Close the loop on her cargo mat")
            .done(),
        person("Eduardo Ruiz", CHI)
            .goes_by("Eddie")
            .met("His uncle Carlos Mendoza sent him; runs a Mendoza crew in summer, HVAC in winter")
            .household("Girlfriend Paola; baby on the way")
            .phone("mobile", "+1 630 555 0175")
            .fact(205, "Referred by his uncle Carlos Mendoza #Referral", "at delivery")
            .car(205, "Ford|Ranger|Lariat", "1FTER4FH0SLE12937", &["FX4 off-road package", "tow package", "B&O sound"])
            .finance(72)
            .fact(60, "Baby girl due; they're painting the nursery yellow", "text")
            .dated(70)
            .heard(12, Text, "Said his cousin Tomás is coming in for a Maverick")
            .done(),
        person("Margaret Doyle", CHI)
            .goes_by("Peggy")
            .met("Her late husband Jim bought four Fords from us; she kept coming after he passed")
            .household("Widowed; five grandchildren; son Kevin checks in weekly")
            .phone("home", "+1 630 555 0102")
            .address("home", "27 Willow Ct, Naperville, IL 60563")
            .car(500, "Subaru|Crosstrek|Limited", "JF2GUACC2RH405663", &["EyeSight", "heated seats"])
            .service("Tire rotation", 6, 4, 2)
            .fact(500, "Likes that the Crosstrek sits higher: easier on her knees", "at delivery")
            .said_on(500, "Call me, dear. I don't do the email, and the texts are too small to read.", prefer(Phone))
            .thanks(
                498,
                Sent,
                "Peggy, Jim would have liked this one. Thank you for coming back to us, and for the \
                 lemon bars.\nWarmly,\nDana",
            )
            .reached(30, Phone, "Called to book her third included tire rotation; she told me about her party")
            .why("Included tire rotation due next month")
            .fact(30, "Turns 80; the family is throwing a party", "phone call")
            .dated(26)
            .done(),
        person("Tyler Brooks", CHI)
            .met("Just graduated from North Central; first job in Oak Brook, needed a car by Monday")
            .household("Two roommates in Lisle")
            .phone("mobile", "+1 630 555 0189")
            .email("personal", "tyler.brooks@example.com")
            .fact(33, "First car, bought for his first job #FirstCar", "at delivery")
            .fact(33, "Plays rec-league hockey on Tuesday nights", "at delivery")
            .car(33, "Ford|Escape|SE", "1FMCU9G64LUB71052", &["SYNC 3", "rear camera", "keyless entry"])
            .used(5)
            .finance(48)
            .warranty(3, "Dealer 90-day/4,000-mile limited warranty")
            .heard(33, InPerson, "Delivery; went over insurance and how the monthly payment works")
            .heard(25, Text, "Check-engine light came on")
            .answered(25, Text, "Texted back: check the gas cap clicks shut; the light cleared the next day")
            .at(17, 5)
            .why("His check-engine light")
            .done(),
        person("Nadia Rahman", TOR)
            .met("Bought an Ascent while her husband did a fellowship at Rush; the family moved home to Toronto")
            .household("Husband Imran; sons Zayan and Rayyan")
            .email("personal", "nadia.rahman@example.com")
            .phone("mobile", "+1 416 555 0122")
            .car(800, "Subaru|Ascent|Touring", "4S4WMAPD4S3423108", &["third-row seats", "panoramic moonroof"])
            .fact(800, "The boys play hockey; the third row is for the equipment bags", "at delivery")
            .heard(180, Email, "Asked whether her US Ascent can get warranty service in Canada")
            .answered(178, Email, "Confirmed the warranty is honored in Canada; sent the nearest Toronto dealer")
            .why("Her warranty question")
            .heard(176, Email, "Thanked me; the Toronto dealer booked her first service")
            .said("Evenings after the kids are in bed, please.", between((20, 0), (21, 30)))
            .done(),
        person("Helen Fischer", HNL)
            .met("Retired to Maui; shipped her Outback over rather than buy new there")
            .household("Husband Walt; grandchildren in Naperville")
            .email("personal", "helen.fischer@example.net")
            .phone("mobile", "+1 808 555 0125")
            .car(1000, "Subaru|Outback|Touring", "4S4BTAPC6M3131276", &["EyeSight", "Nappa leather", "heated seats"])
            .fact(300, "Shipped the Outback to Kahului; says salt air is the enemy now", "her email")
            .fact(300, "Back in Naperville every December for the grandchildren", "her email")
            .heard(300, Email, "Asked what rust protection is worth getting in Hawaii")
            .answered(298, Email, "Sent the undercoating advice from our service manager")
            .why("The rust advice she asked for")
            .done(),
    ]
}

// ---- How a customer is written down -------------------------------------------------------------------------

/// `now`, and today's date in Dana's zone: every date in the book is counted from these.
#[derive(Clone, Copy)]
struct Clock {
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Clock {
    fn new(now: DateTime<Utc>) -> Self {
        Clock { now, today: now.with_timezone(&Chicago).date_naive() }
    }

    /// The date `ago` days before today (a negative `ago` is in the future).
    fn day(self, ago: i64) -> NaiveDate {
        self.today - TimeDelta::days(ago)
    }

    /// A clock time on `day` in Dana's zone, never later than now.
    fn moment(self, day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
        let local = day.and_time(clock(hour, minute));
        let at = Chicago.from_local_datetime(&local).earliest().map_or_else(|| local.and_utc(), |t| t.to_utc());
        at.min(self.now)
    }

    /// `ago` days back, at a working-day time that varies from day to day (deterministic, no randomness).
    fn usual(self, ago: i64) -> DateTime<Utc> {
        let n = ago.unsigned_abs();
        self.moment(self.day(ago), 9 + (n % 8) as u32, (n * 7 % 4) as u32 * 15)
    }
}

fn clock(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid clock time")
}

fn prefer(channel: Channel) -> Meaning {
    Meaning::PreferChannel { channel }
}

fn decline(channel: Channel) -> Meaning {
    Meaning::DeclineChannel { channel }
}

fn never_raise(topic: &str) -> Meaning {
    Meaning::DeclineTopic { topic: topic.into() }
}

fn between(start: (u32, u32), end: (u32, u32)) -> Meaning {
    Meaning::ContactHours { start: clock(start.0, start.1), end: clock(end.0, end.1) }
}

fn at_most_every(days: u32) -> Meaning {
    Meaning::MinDaysBetween { days }
}

/// One customer being written down. Every `ago` counts days back from today; `due_in`/`in_days` count forward.
/// Detail methods (`.used`, `.lease`, `.quote`, `.kept`, `.update` …) apply to the last thing added.
struct Person {
    k: Clock,
    r: CustomerRecord,
}

impl Person {
    fn new(k: Clock, name: &str, time_zone: Option<&str>) -> Person {
        let customer = Customer {
            id: new_id(),
            name: name.into(),
            preferred_name: None,
            time_zone: time_zone.map(Into::into),
            how_we_met: None,
            company: None,
            household: None,
            name_parts: None,
            created_at: k.now,
            updated_at: k.now,
        };
        let r = CustomerRecord {
            customer,
            contact_points: Vec::new(),
            tags: Vec::new(),
            preferences: Vec::new(),
            facts: Vec::new(),
            goals: Vec::new(),
            purchases: Vec::new(),
            promises: Vec::new(),
            issues: Vec::new(),
            interactions: Vec::new(),
            notes: Vec::new(),
            held_back: Vec::new(),
            reminders: Vec::new(),
            reason_states: Vec::new(),
            notified: Vec::new(),
        };
        Person { k, r }
    }

    fn id(&self) -> String {
        self.r.customer.id.clone()
    }

    fn goes_by(mut self, name: &str) -> Self {
        self.r.customer.preferred_name = Some(name.into());
        self
    }

    fn met(mut self, how: &str) -> Self {
        self.r.customer.how_we_met = Some(how.into());
        self
    }

    fn company(mut self, company: &str) -> Self {
        self.r.customer.company = Some(company.into());
        self
    }

    fn household(mut self, who: &str) -> Self {
        self.r.customer.household = Some(who.into());
        self
    }

    /// The first contact point written down is the one the customer prefers.
    fn reach(mut self, kind: ContactKind, label: &str, value: &str) -> Self {
        let preferred = self.r.contact_points.is_empty();
        let (id, customer_id) = (new_id(), self.id());
        let (label, value) = (Some(label.into()), value.into());
        self.r.contact_points.push(ContactPoint { id, customer_id, kind, label, value, preferred, parts: None });
        self
    }

    fn phone(self, label: &str, number: &str) -> Self {
        self.reach(ContactKind::Phone, label, number)
    }

    fn email(self, label: &str, address: &str) -> Self {
        self.reach(ContactKind::Email, label, address)
    }

    fn address(self, label: &str, address: &str) -> Self {
        self.reach(ContactKind::Address, label, address)
    }

    fn fact(mut self, ago: i64, text: &str, source: &str) -> Self {
        let (id, customer_id, learned_on) = (new_id(), self.id(), self.k.day(ago));
        let (text, source) = (text.into(), Some(source.into()));
        self.r.facts.push(Fact { id, customer_id, text, learned_on, source, date: None });
        self
    }

    /// The date the last fact is about (a wedding, a birthday, a trip), `in_days` from today.
    fn dated(mut self, in_days: i64) -> Self {
        let day = self.k.day(-in_days);
        self.r.facts.last_mut().expect("a fact before its date").date = Some(day);
        self
    }

    fn goal(mut self, ago: i64, text: &str, source: &str) -> Self {
        let (id, customer_id, stated_on) = (new_id(), self.id(), self.k.day(ago));
        let (text, source) = (text.into(), Some(source.into()));
        self.r.goals.push(Goal { id, customer_id, text, stated_on, source, achieved_on: None });
        self
    }

    /// A new vehicle, `spec` as "Make|Model|Trim", with the features the customer knows they have. The model
    /// year follows the purchase date, so the demo never shows a five-year-old "new" car.
    fn car(self, ago: i64, spec: &str, vin: &str, features: &[&str]) -> Self {
        let mut parts = spec.splitn(3, '|').map(str::to_string);
        let (make, model, trim) = (parts.next(), parts.next(), parts.next());
        let day = self.k.day(ago);
        let year = day.year() + i32::from(day.month() >= 8);
        let vehicle = Vehicle { year: Some(year), make, model, trim, vin: Some(vin.into()) };
        self.buy(day, describe(&vehicle, false), Some(vehicle), features)
    }

    /// Anything that is not a vehicle: a machine, a policy, a service contract.
    fn product(self, ago: i64, description: &str, options: &[&str]) -> Self {
        let day = self.k.day(ago);
        self.buy(day, description.into(), None, options)
    }

    fn buy(
        mut self,
        purchased_on: NaiveDate,
        description: String,
        vehicle: Option<Vehicle>,
        features: &[&str],
    ) -> Self {
        self.r.purchases.push(Purchase {
            id: new_id(),
            customer_id: self.id(),
            purchased_on,
            description,
            vehicle,
            features: features.iter().map(|f| f.to_string()).collect(),
            ownership: Ownership::Cash,
            term_ends_on: None,
            warranty_ends_on: None,
            warranty_terms: None,
            included_services: Vec::new(),
            deliverables: Vec::new(),
        });
        self
    }

    fn last_purchase(&mut self) -> &mut Purchase {
        self.r.purchases.last_mut().expect("a purchase before its details")
    }

    /// The last vehicle was pre-owned, `years_old` model years older than new.
    fn used(mut self, years_old: i32) -> Self {
        let p = self.last_purchase();
        if let Some(v) = p.vehicle.as_mut() {
            v.year = v.year.map(|y| y - years_old);
            p.description = describe(v, true);
        }
        self
    }

    fn term(mut self, ownership: Ownership, months: u32) -> Self {
        let p = self.last_purchase();
        p.ownership = ownership;
        p.term_ends_on = p.purchased_on.checked_add_months(Months::new(months));
        self
    }

    fn lease(self, months: u32) -> Self {
        self.term(Ownership::Lease, months)
    }

    fn finance(self, months: u32) -> Self {
        self.term(Ownership::Finance, months)
    }

    fn warranty(mut self, months: u32, terms: &str) -> Self {
        let p = self.last_purchase();
        p.warranty_ends_on = p.purchased_on.checked_add_months(Months::new(months));
        p.warranty_terms = Some(terms.into());
        self
    }

    fn service(mut self, name: &str, every_months: u32, total: u32, used: u32) -> Self {
        let s = IncludedService { id: new_id(), name: name.into(), every_months, total, used };
        self.last_purchase().included_services.push(s);
        self
    }

    /// Dana's own reminder, due `due_in` days from today, saying what the customer gains.
    fn reminder(mut self, due_in: i64, value: &str, channel: Option<Channel>) -> Self {
        let m = crate::model::Reminder {
            id: new_id(),
            customer_id: self.id(),
            value: value.into(),
            due_on: self.k.day(-due_in),
            channel,
            created_at: self.k.now,
        };
        self.r.reminders.push(m);
        self
    }

    /// Still owed to the customer, due `due_in` days from today (negative: overdue).
    fn owed(mut self, what: &str, due_in: i64) -> Self {
        let due_on = Some(self.k.day(-due_in));
        let d = Deliverable { id: new_id(), what: what.into(), due_on, delivered_on: None };
        self.last_purchase().deliverables.push(d);
        self
    }

    fn contact(
        mut self,
        ago: i64,
        channel: Channel,
        direction: Direction,
        why: Option<Purpose>,
        summary: &str,
    ) -> Self {
        self.r.interactions.push(Interaction {
            id: new_id(),
            customer_id: self.id(),
            at: self.k.usual(ago),
            channel,
            direction,
            summary: summary.into(),
            quotes: Vec::new(),
            sentiment: None,
            reason: None,
            topic: None,
            asked_for: None,
            justification: None,
            purpose: why,
        });
        self
    }

    /// The customer reached out.
    fn heard(self, ago: i64, channel: Channel, summary: &str) -> Self {
        self.contact(ago, channel, Inbound, None, summary)
    }

    /// Dana (or the store) reached out on her own initiative; `.why` gives what was in it for the customer.
    fn reached(self, ago: i64, channel: Channel, summary: &str) -> Self {
        self.contact(ago, channel, Outbound, Some(Purpose::Proactive), summary)
    }

    /// Dana answered the customer's own message, on the channel they used.
    fn answered(self, ago: i64, channel: Channel, summary: &str) -> Self {
        self.contact(ago, channel, Outbound, Some(Purpose::Reply), summary)
    }

    /// Dana delivered what the customer was waiting on: a promise kept, news on their issue.
    fn followed_up(self, ago: i64, channel: Channel, summary: &str) -> Self {
        self.contact(ago, channel, Outbound, Some(Purpose::Waiting), summary)
    }

    fn last_contact(&mut self) -> &mut Interaction {
        self.r.interactions.last_mut().expect("an interaction before its details")
    }

    /// The time of day of the last contact, in Dana's zone (what the customer said there moves with it).
    fn at(mut self, hour: u32, minute: u32) -> Self {
        let k = self.k;
        let i = self.last_contact();
        let at = k.moment(i.at.with_timezone(&Chicago).date_naive(), hour, minute);
        i.at = at;
        let id = i.id.clone();
        for s in self.r.preferences.iter_mut().filter(|s| s.source_interaction_id.as_ref() == Some(&id)) {
            s.said_at = at;
            s.recorded_at = recorded(k, at);
        }
        self
    }

    fn quote(mut self, words: &str) -> Self {
        let i = self.last_contact();
        if !i.quotes.iter().any(|q| q == words) {
            i.quotes.push(words.into());
        }
        self
    }

    fn felt(mut self, sentiment: Sentiment) -> Self {
        self.last_contact().sentiment = Some(sentiment);
        self
    }

    fn why(mut self, reason: &str) -> Self {
        self.last_contact().reason = Some(reason.into());
        self
    }

    fn topic(mut self, topic: &str) -> Self {
        self.last_contact().topic = Some(topic.into());
        self
    }

    fn asked(mut self, what: &str) -> Self {
        self.last_contact().asked_for = Some(what.into());
        self
    }

    /// What the customer said about being contacted, in the last contact: quoted there, and linked to it.
    fn said(self, words: &str, means: Meaning) -> Self {
        let mut me = self.quote(words);
        let i = me.last_contact();
        let (at, source) = (i.at, i.id.clone());
        me.statement(at, words, means, Some(source))
    }

    /// What the customer said about being contacted, when no contact was logged (at delivery, say).
    fn said_on(self, ago: i64, words: &str, means: Meaning) -> Self {
        let at = self.k.usual(ago);
        self.statement(at, words, means, None)
    }

    fn statement(mut self, said_at: DateTime<Utc>, words: &str, means: Meaning, source: Option<String>) -> Self {
        self.r.preferences.push(PreferenceStatement {
            id: new_id(),
            customer_id: self.id(),
            said_at,
            words: words.into(),
            means,
            source_interaction_id: source,
            recorded_at: recorded(self.k, said_at),
        });
        self
    }

    /// A promise made `made_ago` days back, due `due_in` days from today (negative: overdue).
    fn promise(mut self, made_ago: i64, what: &str, due_in: i64) -> Self {
        let (made_on, due_on) = (self.k.day(made_ago), self.k.day(-due_in));
        self.r.promises.push(Promise {
            id: new_id(),
            customer_id: self.id(),
            what: what.into(),
            made_on,
            due_on,
            status: PromiseStatus::Open,
            closed_on: None,
        });
        self
    }

    fn kept(mut self, ago: i64) -> Self {
        let day = self.k.day(ago);
        let p = self.r.promises.last_mut().expect("a promise before it is kept");
        p.status = PromiseStatus::Kept;
        p.closed_on = Some(day);
        self
    }

    fn issue(mut self, opened_ago: i64, title: &str) -> Self {
        self.r.issues.push(CustomerIssue {
            id: new_id(),
            customer_id: self.id(),
            title: title.into(),
            opened_on: self.k.day(opened_ago),
            status: IssueStatus::Open,
            next_update_on: None,
            resolved_on: None,
            resolution: None,
            updates: Vec::new(),
        });
        self
    }

    fn last_issue(&mut self) -> &mut CustomerIssue {
        self.r.issues.last_mut().expect("an issue before its details")
    }

    fn update(mut self, ago: i64, text: &str) -> Self {
        let u = IssueUpdate { id: new_id(), at: self.k.usual(ago), text: text.into() };
        self.last_issue().updates.push(u);
        self
    }

    /// When the customer should next hear how the last issue is going, `in_days` from today.
    fn next_update(mut self, in_days: i64) -> Self {
        let day = self.k.day(-in_days);
        self.last_issue().next_update_on = Some(day);
        self
    }

    fn resolved(mut self, ago: i64, resolution: &str) -> Self {
        let day = self.k.day(ago);
        let issue = self.last_issue();
        issue.status = IssueStatus::Resolved;
        issue.next_update_on = None;
        issue.resolved_on = Some(day);
        issue.resolution = Some(resolution.into());
        self
    }

    /// A logged outreach the Guard refused because of what the customer said last: it shows under "held back".
    fn held(mut self, ago: i64, channel: Channel, topic: Option<&str>, rule: &str, message: &str) -> Self {
        let at = self.k.usual(ago);
        let quote = self.r.preferences.last().map(|s| s.words.clone());
        let said_on = self.r.preferences.last().map(|s| s.said_at.date_naive());
        self.r.held_back.push(HeldBack {
            id: new_id(),
            customer_id: self.id(),
            at,
            planned_for: at,
            channel,
            topic: topic.map(Into::into),
            text: None,
            rule: rule.into(),
            message: message.into(),
            quote,
            said_on,
            // A contact someone tried to log, refused: the only held-back attempts the book keeps.
            source: "log".into(),
        });
        self
    }

    /// Dana's own note about the customer; hashtags in it become tags.
    fn note(self, ago: i64, text: &str) -> Self {
        self.write(ago, NoteKind::Note, None, None, text)
    }

    /// A handwritten thank-you card to the customer.
    fn thanks(self, ago: i64, status: NoteStatus, text: &str) -> Self {
        self.write(ago, NoteKind::ThankYou, Some("card"), Some(status), text)
    }

    fn write(mut self, ago: i64, kind: NoteKind, format: Option<&str>, status: Option<NoteStatus>, text: &str) -> Self {
        let at = self.k.usual(ago);
        self.r.notes.push(Note {
            id: new_id(),
            customer_id: self.id(),
            kind,
            format: format.map(Into::into),
            text: text.into(),
            status,
            created_at: at,
            updated_at: at,
        });
        self
    }

    /// Puts every list oldest first, reads the tags from the text, and dates the record by its history.
    fn done(self) -> CustomerRecord {
        let Person { k, mut r } = self;
        r.preferences.sort_by_key(|s| s.said_at);
        r.facts.sort_by_key(|f| f.learned_on);
        r.goals.sort_by_key(|g| g.stated_on);
        r.purchases.sort_by_key(|p| p.purchased_on);
        r.promises.sort_by_key(|p| p.made_on);
        r.issues.sort_by_key(|i| i.opened_on);
        for issue in &mut r.issues {
            issue.updates.sort_by_key(|u| u.at);
        }
        r.interactions.sort_by_key(|i| i.at);
        r.notes.sort_by_key(|n| n.created_at);
        r.held_back.sort_by_key(|h| h.at);

        // Tags are exactly the hashtags written in facts and notes, as the store reads them.
        let texts = r.facts.iter().map(|f| f.text.as_str()).chain(r.notes.iter().map(|n| n.text.as_str()));
        let mut tags: Vec<String> = Vec::new();
        for tag in texts.flat_map(crate::tags::hashtags) {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        r.tags = tags.into_iter().map(|tag| Tag { tag, origin: TagOrigin::Text }).collect();

        let on = |day: NaiveDate| k.moment(day, 9, 0);
        let moments: Vec<DateTime<Utc>> = (r.facts.iter().map(|f| on(f.learned_on)))
            .chain(r.goals.iter().map(|g| on(g.stated_on)))
            .chain(r.purchases.iter().map(|p| on(p.purchased_on)))
            .chain(r.promises.iter().map(|p| on(p.made_on)))
            .chain(r.issues.iter().map(|i| on(i.opened_on)))
            .chain(r.issues.iter().flat_map(|i| i.updates.iter().map(|u| u.at)))
            .chain(r.interactions.iter().map(|i| i.at))
            .chain(r.notes.iter().map(|n| n.created_at))
            .chain(r.preferences.iter().map(|s| s.recorded_at))
            .collect();
        r.customer.created_at = moments.iter().min().copied().unwrap_or(k.now);
        r.customer.updated_at = moments.iter().max().copied().unwrap_or(k.now);
        r
    }
}

/// Dana writes down what was said a few minutes after it was said (never after now).
fn recorded(k: Clock, said_at: DateTime<Utc>) -> DateTime<Utc> {
    (said_at + TimeDelta::minutes(10)).min(k.now).max(said_at)
}

fn describe(v: &Vehicle, used: bool) -> String {
    let parts = [v.make.as_deref(), v.model.as_deref(), v.trim.as_deref()];
    let name = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
    let year = v.year.map(|y| format!("{y} ")).unwrap_or_default();
    let pre_owned = if used { " (pre-owned)" } else { "" };
    format!("{year}{name}{pre_owned}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        NewContactPoint, NewCustomer, NewFact, NewGoal, NewInteraction, NewIssue, NewNote, NewPromise, NewPurchase,
        NewStatement,
    };
    use serde_json::Value;
    use std::collections::HashSet;

    /// Several launch days, both sides of daylight saving and a leap day: the demo must hold on each.
    fn books() -> Vec<(NaiveDate, DateTime<Utc>, Book)> {
        ["2026-03-08T14:00:00Z", "2026-11-01T07:30:00Z", "2028-02-29T12:00:00Z", "2031-07-15T23:59:00Z"]
            .into_iter()
            .map(|t| {
                let now = DateTime::parse_from_rfc3339(t).unwrap().to_utc();
                (now.with_timezone(&Chicago).date_naive(), now, book(now))
            })
            .collect()
    }

    fn find<'a>(b: &'a Book, who: &str, pred: impl Fn(&CustomerRecord) -> bool) -> &'a CustomerRecord {
        b.customers.iter().find(|c| pred(c)).unwrap_or_else(|| panic!("no customer who {who}"))
    }

    fn said<'a>(c: &'a CustomerRecord, means: &Meaning) -> Option<&'a PreferenceStatement> {
        c.preferences.iter().find(|s| s.means == *means)
    }

    fn has_tag(c: &CustomerRecord, tag: &str) -> bool {
        c.tags.iter().any(|t| t.tag.eq_ignore_ascii_case(tag))
    }

    fn local(at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&Chicago).date_naive()
    }

    /// Reads a record as the form type an import would, and runs that type's own checks.
    fn passes<T: serde::Serialize, N: serde::de::DeserializeOwned>(x: &T, check: fn(N) -> crate::Result<N>) {
        let json = serde_json::to_value(x).unwrap();
        let new: N = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}: {json}"));
        check(new).unwrap_or_else(|e| panic!("{e}: {json}"));
    }

    /// Every value under `key`, anywhere in the tree.
    fn all(v: &Value, key: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                if k == key {
                    out.extend(x.as_str().map(String::from));
                }
                all(x, key, out);
            }),
            Value::Array(a) => a.iter().for_each(|x| all(x, key, out)),
            _ => {}
        }
    }

    fn sorted<K: PartialOrd>(keys: impl Iterator<Item = K>) -> bool {
        let keys: Vec<K> = keys.collect();
        keys.windows(2).all(|w| w[0] <= w[1])
    }

    #[test]
    fn the_book_is_large_varied_and_belongs_to_dana() {
        for (_, _, b) in books() {
            let p = &b.profile;
            assert_eq!((p.name.as_str(), p.time_zone.as_str()), ("Dana Whitfield", "America/Chicago"));
            assert_eq!((p.work_start, p.work_end, p.work_days.len()), (clock(8, 30), clock(17, 30), 6));
            assert!(!p.work_days.contains(&Weekday::Sun) && p.clone().validated().is_ok());
            assert!(b.customers.len() >= 45, "{} customers", b.customers.len());
            let zones: HashSet<_> = b.customers.iter().filter_map(|c| c.customer.time_zone.as_deref()).collect();
            assert!(zones.len() >= 8, "{zones:?}");
            assert_eq!(b.customers.iter().filter(|c| c.customer.time_zone.is_none()).count(), 2);
            assert!(b.customers.iter().filter(|c| !c.customer.name.is_ascii()).count() >= 4);
            // No copy-paste customers: every name, every story and every fact is told once.
            let once = |texts: Vec<&str>| texts.iter().collect::<HashSet<_>>().len() == texts.len();
            assert!(once(b.customers.iter().map(|c| c.customer.name.as_str()).collect()));
            assert!(once(b.customers.iter().filter_map(|c| c.customer.how_we_met.as_deref()).collect()));
            assert!(once(b.customers.iter().flat_map(|c| c.facts.iter().map(|f| f.text.as_str())).collect()));
            let bought = b.customers.iter().filter(|c| !c.purchases.is_empty()).count();
            assert!(bought * 10 >= b.customers.len() * 7, "most customers bought something");
        }
    }

    #[test]
    fn every_record_passes_the_import_rules() {
        for (today, now, b) in books() {
            let mut ids = Vec::new();
            all(&serde_json::to_value(&b).unwrap(), "id", &mut ids);
            assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "an id is used twice");
            for c in &b.customers {
                let name = &c.customer.name;
                passes(&c.customer, NewCustomer::validated);
                c.contact_points.iter().for_each(|x| passes(x, NewContactPoint::validated));
                c.facts.iter().for_each(|x| passes(x, NewFact::validated));
                c.goals.iter().for_each(|x| passes(x, NewGoal::validated));
                c.purchases.iter().for_each(|x| passes(x, NewPurchase::validated));
                c.preferences.iter().for_each(|x| passes(x, NewStatement::validated));
                c.interactions.iter().for_each(|x| passes(x, NewInteraction::validated));
                c.promises.iter().for_each(|x| passes(x, NewPromise::validated));
                c.issues.iter().for_each(|x| passes(x, NewIssue::validated));
                c.notes.iter().for_each(|x| passes(x, NewNote::validated));

                assert!(c.customer.created_at <= c.customer.updated_at && c.customer.updated_at <= now, "{name}");
                assert!(c.contact_points.iter().filter(|p| p.preferred).count() <= 1);
                for p in &c.contact_points {
                    let host = p.value.split_once('@').map(|(_, h)| h);
                    assert!(host.is_none_or(|h| ["example.com", "example.org", "example.net"].contains(&h)));
                    assert!(!p.value.starts_with("+1 ") || p.value.contains(" 555 01"), "{}: not fictional", p.value);
                }
                for p in &c.purchases {
                    assert!(p.purchased_on <= today);
                    if let Some(v) = &p.vehicle {
                        let vin = v.vin.as_deref().unwrap();
                        assert!(vin.len() == 17 && vin.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
                        assert!(!vin.contains(['I', 'O', 'Q']), "{vin}");
                        assert!(p.description.starts_with(&v.year.unwrap().to_string()), "{}", p.description);
                    }
                }
                for s in &c.preferences {
                    assert!(s.said_at <= s.recorded_at && s.recorded_at <= now, "{}", s.words);
                    if let Some(source) = &s.source_interaction_id {
                        let i = c.interactions.iter().find(|i| &i.id == source).expect("its interaction");
                        assert!(i.quotes.contains(&s.words) && i.at == s.said_at, "{}", s.words);
                        let spoken = matches!(i.channel, Phone | InPerson | Video);
                        assert!(i.direction == Direction::Inbound || spoken, "Dana's own message: {}", s.words);
                    }
                }
                for i in &c.interactions {
                    assert!(i.at <= now && i.quotes.iter().all(|q| !q.trim().is_empty()));
                    let out = i.direction == Direction::Outbound;
                    assert_eq!(out, i.reason.is_some() && i.purpose.is_some(), "reason and purpose: {}", i.summary);
                    // A reply answers their own message, on the channel they used, within the Guard's window.
                    let asked = |x: &&Interaction| x.direction == Direction::Inbound && x.channel == i.channel;
                    let window = |x: &Interaction| x.at <= i.at && i.at - x.at <= TimeDelta::days(14);
                    if i.purpose == Some(Purpose::Reply) {
                        assert!(c.interactions.iter().filter(asked).any(window), "not a reply: {}", i.summary);
                    }
                }
                assert!(c.facts.iter().all(|f| f.learned_on <= today));
                let words = |q: &String| c.preferences.iter().any(|s| &s.words == q);
                assert!(c.held_back.iter().all(|h| h.at <= now && h.quote.as_ref().is_some_and(words)), "{name}");
                assert!(c.notes.iter().all(|n| n.created_at <= now && !n.text.trim().is_empty()));
                assert!(c.promises.iter().all(|p| p.made_on <= today && p.made_on <= p.due_on));
                assert!(c.promises.iter().all(|p| p.closed_on.is_some() == (p.status != PromiseStatus::Open)));
                for i in &c.issues {
                    assert!(i.updates.iter().all(|u| !u.text.trim().is_empty() && u.at <= now));
                    assert_eq!(i.resolved_on.is_some(), i.status == IssueStatus::Resolved);
                    assert!(i.resolution.as_deref().is_none_or(|r| !r.trim().is_empty()));
                }
            }
        }
    }

    #[test]
    fn children_belong_to_their_customer_and_run_oldest_first() {
        for (_, _, b) in books() {
            for c in &b.customers {
                let (me, name) = (&c.customer.id, &c.customer.name);
                let mut owners = Vec::new();
                let mut json = serde_json::to_value(c).unwrap();
                json.as_object_mut().unwrap().remove("id");
                all(&json, "customer_id", &mut owners);
                assert!(owners.len() > c.contact_points.len(), "{name}");
                assert!(owners.iter().all(|o| o == me), "{name}");
                assert!(sorted(c.preferences.iter().map(|x| x.said_at)), "{name}");
                assert!(sorted(c.facts.iter().map(|x| x.learned_on)), "{name}");
                assert!(sorted(c.goals.iter().map(|x| x.stated_on)), "{name}");
                assert!(sorted(c.purchases.iter().map(|x| x.purchased_on)), "{name}");
                assert!(sorted(c.promises.iter().map(|x| x.made_on)), "{name}");
                assert!(sorted(c.issues.iter().map(|x| x.opened_on)), "{name}");
                assert!(c.issues.iter().all(|i| sorted(i.updates.iter().map(|u| u.at))), "{name}");
                assert!(sorted(c.interactions.iter().map(|x| x.at)), "{name}");
                assert!(sorted(c.notes.iter().map(|x| x.created_at)), "{name}");
            }
        }
    }

    #[test]
    fn tags_are_exactly_the_hashtags_of_facts_and_notes() {
        let (_, _, b) = books().remove(0);
        for c in &b.customers {
            let texts = c.facts.iter().map(|f| f.text.as_str()).chain(c.notes.iter().map(|n| n.text.as_str()));
            let written: HashSet<String> = texts.flat_map(crate::tags::hashtags).map(|t| t.to_lowercase()).collect();
            let tagged: HashSet<String> = c.tags.iter().map(|t| t.tag.to_lowercase()).collect();
            assert_eq!(tagged, written, "{}", c.customer.name);
            assert_eq!(c.tags.len(), tagged.len(), "{}: a tag twice", c.customer.name);
            assert!(c.tags.iter().all(|t| t.origin == TagOrigin::Text));
        }
        let count = |tag: &str| b.customers.iter().filter(|c| has_tag(c, tag)).count();
        assert!(count("BuyAndHold") >= 3 && count("Fleet") >= 2 && count("FirstCar") >= 2 && count("Referral") >= 2);
        // Thank-you notes are for the customer's eyes: no hashtags in them.
        let mut thanks = b.customers.iter().flat_map(|c| &c.notes).filter(|n| n.kind == NoteKind::ThankYou);
        assert!(thanks.all(|n| crate::tags::hashtags(&n.text).is_empty()));
    }

    #[test]
    fn situation_1_the_owner_who_keeps_cars_twelve_years() {
        for (_, _, b) in books() {
            let buy_back = never_raise("buy-back");
            let c =
                find(&b, "declined buy-backs", |c| said(c, &buy_back).is_some_and(|s| s.words.contains("12 years")));
            assert!(has_tag(c, "BuyAndHold") && said(c, &buy_back).unwrap().source_interaction_id.is_some());
            assert!(c.goals.iter().any(|g| g.text.contains("250,000 miles")));
            assert!(c.purchases.iter().any(|p| !p.included_services.is_empty()));
        }
    }

    #[test]
    fn situation_2_the_lessee_waiting_on_plates_and_a_key() {
        for (today, _, b) in books() {
            let plates = |p: &Purchase| p.deliverables.iter().find(|d| d.what == "License plates").cloned();
            let c = find(&b, "leased and waits for plates", |c| {
                c.purchases.iter().any(|p| p.ownership == Ownership::Lease && plates(p).is_some())
            });
            let p = c.purchases.iter().find(|p| p.ownership == Ownership::Lease).unwrap();
            assert!((0..=30).contains(&(today - p.purchased_on).num_days()));
            assert!((1000..=1130).contains(&(p.term_ends_on.unwrap() - today).num_days()), "about 36 months out");
            let plates = plates(p).unwrap();
            assert!(plates.delivered_on.is_none() && plates.due_on.unwrap() < today);
            let oil = p.included_services.iter().find(|s| s.name == "Oil change").unwrap();
            assert_eq!((oil.every_months, oil.total, oil.used), (6, 3, 0));
            let open = |word: &str| {
                c.promises.iter().find(|p| p.status == PromiseStatus::Open && p.what.contains(word)).expect(word)
            };
            assert!((1..=7).contains(&(today - open("plates").due_on).num_days()), "overdue by a few days");
            open("key");
        }
    }

    #[test]
    fn situation_3_the_email_only_traveller() {
        for (_, _, b) in books() {
            let c =
                find(&b, "is email only", |c| said(c, &prefer(Email)).is_some() && said(c, &decline(Phone)).is_some());
            assert_eq!(c.customer.time_zone.as_deref(), Some("America/Los_Angeles"));
            assert!(said(c, &decline(Phone)).unwrap().words.contains("can't take calls"));
        }
    }

    #[test]
    fn situation_4_removed_from_every_list_in_their_own_words() {
        for (_, _, b) in books() {
            let dnc = Meaning::DoNotContact;
            let c = find(&b, "asked to be removed", |c| said(c, &dnc).is_some_and(|s| s.words.contains("remove me")));
            let s = said(c, &dnc).unwrap();
            let source = s.source_interaction_id.as_ref().expect("the interaction it was said in");
            let i = c.interactions.iter().find(|i| &i.id == source).unwrap();
            assert!(i.direction == Direction::Inbound && i.quotes.contains(&s.words));
            assert!(said(c, &Meaning::ResumeContact).is_none(), "still do-not-contact");
            assert!(c.interactions.iter().filter(|i| i.at > s.said_at).all(|i| i.direction == Direction::Inbound));
        }
    }

    #[test]
    fn situation_5_a_buyer_who_just_praised_us() {
        for (today, _, b) in books() {
            let praise = |i: &Interaction| {
                i.direction == Direction::Inbound
                    && i.sentiment == Some(Sentiment::Positive)
                    && i.quotes.iter().any(|q| q.contains("Best car buying experience"))
            };
            let c = find(&b, "just praised the service", |c| c.interactions.iter().any(praise));
            let i = c.interactions.iter().find(|i| praise(i)).unwrap();
            assert_eq!((today - local(i.at)).num_days(), 2);
            assert!(said(c, &never_raise("referrals")).is_none());
        }
    }

    #[test]
    fn situation_6_an_open_issue_and_one_resolved_but_not_told() {
        for (today, _, b) in books() {
            find(&b, "has an open issue due an update in two days", |c| {
                c.issues.iter().any(|i| {
                    i.status == IssueStatus::Open
                        && !i.updates.is_empty()
                        && i.next_update_on.is_some_and(|d| (d - today).num_days() == 2)
                })
            });
            find(&b, "has an issue just resolved and not yet told", |c| {
                c.issues.iter().filter_map(|i| i.resolved_on).any(|day| {
                    let told = c.interactions.iter().any(|x| x.direction == Direction::Outbound && local(x.at) >= day);
                    (today - day).num_days() <= 3 && !told
                })
            });
        }
    }

    #[test]
    fn situation_7_information_the_customer_asked_for() {
        for (_, _, b) in books() {
            find(&b, "asked for the towing capacity", |c| {
                c.interactions.iter().any(|i| {
                    i.direction == Direction::Inbound
                        && i.asked_for.as_deref().is_some_and(|a| a.to_lowercase().contains("towing"))
                        && i.quotes.iter().any(|q| q.contains("towing capacity with the tow package"))
                })
            });
        }
    }

    #[test]
    fn situation_8_hours_frequency_topics_and_channels() {
        for (_, _, b) in books() {
            let anyone =
                |m: Meaning| b.customers.iter().find_map(|c| said(c, &m)).cloned().unwrap_or_else(|| panic!("{m:?}"));
            assert!(anyone(between((18, 0), (20, 30))).words.contains("nurse"));
            assert!(anyone(at_most_every(90)).words.contains("quarter"));
            anyone(never_raise("referrals"));
            anyone(never_raise("extended warranty"));
            anyone(decline(Text));
        }
    }

    #[test]
    fn situation_9_a_do_not_contact_reversed_keeps_its_history() {
        for (_, _, b) in books() {
            let c = find(&b, "said do-not-contact and later resumed", |c| {
                match (said(c, &Meaning::DoNotContact), said(c, &Meaning::ResumeContact)) {
                    (Some(stop), Some(resume)) => stop.said_at < resume.said_at,
                    _ => false,
                }
            });
            assert!(said(c, &Meaning::ResumeContact).unwrap().words.contains("call me again"));
        }
    }

    #[test]
    fn situations_10_and_11_business_accounts_terms_and_personal_dates() {
        for (today, _, b) in books() {
            let in_days = |d: Option<NaiveDate>| d.map(|d| (d - today).num_days());
            let lathe = |p: &Purchase| p.vehicle.is_none() && p.description.contains("CNC lathe");
            let shop = find(&b, "bought a CNC lathe", |c| c.purchases.iter().any(lathe));
            let p = shop.purchases.iter().find(|p| lathe(p)).unwrap();
            assert!((40..=60).contains(&in_days(p.warranty_ends_on).unwrap()));
            assert!(p.included_services.iter().any(|s| s.name == "Preventive maintenance visit"));
            find(&b, "is an insurance client", |c| {
                c.customer.company.as_deref().is_some_and(|n| n.contains("Insurance"))
            });
            find(&b, "has a loan ending in about 80 days", |c| {
                let ends = |p: &Purchase| in_days(p.term_ends_on).is_some_and(|d| (70..=90).contains(&d));
                c.purchases.iter().any(|p| p.ownership == Ownership::Finance && ends(p))
            });
            for (word, soon) in [("wedding", 14..=28), ("birthday", 1..=30), ("Alaska", 1..=60)] {
                find(&b, word, |c| {
                    c.facts.iter().any(|f| f.text.contains(word) && in_days(f.date).is_some_and(|d| soon.contains(&d)))
                });
            }
        }
    }
}
