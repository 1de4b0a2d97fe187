package corpus

// givenNames are common given names, each in the extractor's given-name
// list and none an English word ("Will", "May") that would need more
// evidence to be read as a name.
var givenNames = []string{
	"Aaron", "Abigail", "Adele", "Adrian", "Agnes", "Aisha", "Alan", "Alberto",
	"Alice", "Alina", "Amara", "Amelia", "Andrea", "Andrew", "Anita", "Anton",
	"Arjun", "Astrid", "Beatrice", "Benedict", "Bianca", "Boris", "Bruno", "Camila",
	"Carla", "Carlos", "Caroline", "Cecilia", "Chiara", "Claire", "Connor", "Daniel",
	"Daria", "David", "Delia", "Diego", "Dmitri", "Dominic", "Edith", "Elena",
	"Elias", "Elif", "Eliza", "Emily", "Emma", "Erik", "Esther", "Fatima",
	"Felix", "Fiona", "Florian", "Gabriel", "Georgia", "Gerald", "Greta", "Hannah",
	"Hector", "Helena", "Hugo", "Ingrid", "Irene", "Isaac", "Isabel", "Ivan",
	"Jakob", "Janet", "Javier", "Joanna", "Jonas", "Julia", "Karen", "Katherine",
	"Kenji", "Laura", "Leon", "Lina", "Lorenzo", "Lucia", "Ludwig", "Magnus",
	"Maria", "Marta", "Martin", "Matteo", "Mara", "Mei", "Michael", "Marcus",
	"Miriam", "Nadia", "Naomi", "Nathan", "Nikolai", "Nina", "Nora", "Oliver",
	"Olga", "Omar", "Owen", "Pablo", "Paula", "Peter", "Priya", "Rachel",
	"Rafael", "Rahul", "Rebecca", "Renata", "Ricardo", "Rita", "Roman", "Rosa",
	"Samuel", "Sara", "Selma", "Simon", "Sofia", "Stefan", "Susanne", "Tamara",
	"Teresa", "Thomas", "Tobias", "Ursula", "Valentina", "Vera", "Victor", "Yusuf",
}

// surnamePrefixes and surnameSuffixes combine into invented surnames
// ("Brandvik", "Calloway"), so that the people of a corpus are fictional.
var surnamePrefixes = []string{
	"Ash", "Bal", "Bran", "Cal", "Dal", "Dorn", "Eck", "Fal", "Gar", "Hal",
	"Hart", "Isen", "Jan", "Kest", "Lind", "Mar", "Nor", "Orm", "Pell", "Quar",
	"Rav", "Sel", "Stam", "Tor", "Ulm", "Vand", "Wes", "Yar", "Zel", "Bell",
	"Cor", "Dev", "Fen", "Gil", "Holm", "Kal", "Lor", "Mell", "Nev", "Ost",
}

var surnameSuffixes = []string{
	"berg", "vik", "oway", "stad", "mont", "ley", "wick", "ford", "dale", "ton",
	"ski", "ardt", "ing", "holt", "by", "ova", "ani", "ez", "elli", "sen",
	"hurst", "quist", "mann", "ridge", "ino", "as", "well", "ander", "ow", "ic",
}

// personName is the name of the person numbered p, for p below
// len(givenNames) × len(surnamePrefixes) × len(surnameSuffixes).
func personName(p int) string {
	g := p % len(givenNames)
	p /= len(givenNames)
	pre := p % len(surnamePrefixes)
	suf := p / len(surnamePrefixes) % len(surnameSuffixes)
	return givenNames[g] + " " + surnamePrefixes[pre] + surnameSuffixes[suf]
}

// maxPeople is how many distinct names personName makes.
var maxPeople = len(givenNames) * len(surnamePrefixes) * len(surnameSuffixes)

// Sentences and headings from which posts are assembled; %s marks are
// filled in order by the generator.
var (
	backgroundHeadings = []string{
		"What's your background, and what are you working on?",
		"Tell us about yourself and your role",
		"How did you get started in the cloud?",
	}
	stackHeadings = []string{
		"What tools and services do you use every day?",
		"What does your stack look like?",
		"Which technologies are you most excited about right now?",
	}
	adviceHeadings = []string{
		"What's your advice for developers who are just starting out?",
		"What lessons did you learn the hard way?",
	}
	otherHeadings = []string{
		"What's the biggest weak point of the ecosystem right now?",
		"What impact has the cloud had on your organization?",
		"What's your favorite thing you've built recently?",
	}
	resourceHeadings = []string{
		"What are your favorite resources for learning more? (People, blogs, etc)",
		"Who should our readers follow?",
		"Whose work has inspired you?",
	}
	roles = []string{
		"a cloud architect", "a platform engineer", "a developer advocate", "a data engineer",
		"an SRE", "a CTO", "a consultant", "a staff engineer", "a solutions architect",
	}
	serviceSentences = []string{
		"We moved most of our workloads to %s last year, and the team has not looked back.",
		"Day to day I spend a lot of time with %s and %s.",
		"The biggest win for us was replacing a hand-rolled queue with %s.",
		"I still think %s is underrated, especially next to %s.",
		"Our data pipelines run on %s, with results landing in %s.",
		"Monitoring was painful until we adopted %s.",
		"If I had to pick one thing to learn this year it would be %s.",
	}
	possessiveSentences = []string{
		"I learned most of what I know about %[2]s from %[1]s's talks.",
		"%[1]s's writing on %[2]s changed how my team works.",
		"We borrowed %[1]s's approach to %[2]s for our own platform.",
	}
	fillerSentences = []string{
		"It took a few tries to get right, but the result is much simpler than what we had.",
		"Costs went down, and more importantly the on-call rotation got quieter.",
		"There is still a lot of undifferentiated heavy lifting that nobody should have to do.",
		"Most of the hard problems turned out to be about people rather than technology.",
		"Documentation matters more than any single feature.",
		"We spent the first month just measuring where the time actually went.",
		"The learning curve is real, and teams tend to underestimate it badly.",
		"Security has to be designed in from the start, not bolted on at the end.",
		"Small, boring, well-understood pieces beat one clever system every time.",
		"Our customers noticed the difference before our dashboards did.",
		"I would rather delete code than tune it.",
		"Automate the deployment first; everything else gets easier after that.",
	}
)
