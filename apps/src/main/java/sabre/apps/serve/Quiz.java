package sabre.apps.serve;

import sabre.data.ImageDataset;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The quiz: test-set images shown one at a time; the person picks a class, the model answers the same image, and
 * the session keeps both scores ("you vs the model"). Question {@code k} of session {@code n} shows image
 * {@code SplittableRandom(seed ⊕ n·φ ⊕ k·c).nextInt(size)}: the same seed gives every session the same
 * sequence of images.
 *
 * <pre>{@code int image = quiz.question(session.score(), session.number());}</pre>
 */
public final class Quiz {
    private final ImageDataset test;
    private final Recognizer model;
    private final long seed;

    /** A session's quiz state: the open question (image index, or -1) and the two scores. */
    public static final class Score {
        private int asked;
        private int you;
        private int model;
        private int open = -1;

        public synchronized int asked() {
            return asked;
        }

        public synchronized int you() {
            return you;
        }

        public synchronized int model() {
            return model;
        }
    }

    /** How a question went. */
    public record Answer(int image, String truth, String choice, String modelChoice, boolean youRight,
                         boolean modelRight) {
    }

    /** A quiz over {@code test}, whose images must have the served model's geometry. */
    public Quiz(ImageDataset test, Recognizer model, long seed) {
        ServedModel m = model.served();
        if (test.channels() != m.channels() || test.height() != m.size() || test.width() != m.size()) {
            throw new IllegalArgumentException(String.format("quiz: test images are %d×%d×%d but the model takes "
                    + "%d×%d×%d",
                    test.channels(), test.height(), test.width(), m.channels(), m.size(), m.size()));
        }
        this.test = test;
        this.model = model;
        this.seed = seed;
    }

    /** The class names, in label order. */
    public List<String> classes() {
        return model.served().classes();
    }

    /** The open question's image index, opening the next one when none is open. */
    public int question(Score score, long session) {
        synchronized (score) {
            if (score.open < 0) {
                long mixed = seed ^ (session * 0x9E3779B97F4A7C15L) ^ (score.asked * 0xC2B2AE3D27D4EB4FL);
                score.open = new SplittableRandom(mixed).nextInt(test.size());
            }
            return score.open;
        }
    }

    /** The open question's image as PNG (at the data set's size). */
    public byte[] png(int image) {
        return Pictures.png(test.pixels(image), test.channels(), test.height(), test.width());
    }

    /** Scores {@code choice} for the open question against the truth and the model, and closes the question. */
    public Answer answer(Score score, int choice) {
        int image;
        synchronized (score) {
            image = score.open;
            if (image < 0) {
                throw HttpError.badRequest("No quiz question is open: start a new one.");
            }
            if (choice < 0 || choice >= classes().size()) {
                throw HttpError.badRequest("Unknown class " + choice + ".");
            }
            score.open = -1;
        }
        int truth = test.label(image);
        int guess = model.classify(test.pixels(image));
        synchronized (score) {
            score.asked++;
            score.you += choice == truth ? 1 : 0;
            score.model += guess == truth ? 1 : 0;
        }
        List<String> names = classes();
        return new Answer(image, names.get(truth), names.get(choice), names.get(guess), choice == truth,
                guess == truth);
    }
}
